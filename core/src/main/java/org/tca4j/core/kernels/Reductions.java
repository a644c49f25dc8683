package org.tca4j.core.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.tca4j.core.simd.Simd;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * Sorting, normalization, similarity and the small statistics TCA needs.
 *
 * <p>The order statistics ({@link #argsortDescending}, {@link #topK}, {@link #argmax}) are exact. The vector
 * statistics ({@link #norm}, {@link #cosine}, {@link #softmax}, {@link #entropy}) run on vectors of at most a few
 * thousand elements and accumulate in double; they are deliberately scalar, so they give the same bits at every
 * vector width (the decisions TCA takes from them do not depend on the machine). {@link #columnMeans} has a vector
 * twin that adds the rows in the same order, lane by lane, so it is bit-identical to its scalar definition; the
 * divisions of {@link #columnMeans} and {@link #l2NormalizeInPlace} run lane by lane, the same operation.
 */
public final class Reductions {
    private static final VectorSpecies<Float> F = Simd.F;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private Reductions() {}

    /**
     * The indices of {@code values} ordered by decreasing value. Tie rule: equal values keep increasing index order
     * (a stable sort); {@code -0.0} sorts after {@code 0.0} (the order of {@link Float#compare}); NaN is not allowed.
     */
    public static int[] argsortDescending(float[] values) {
        // One long per element: the value's order key, flipped for descending, above the index, so a plain sort of
        // the longs sorts by value then by index.
        long[] keys = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            if (Float.isNaN(values[i])) {
                throw new IllegalArgumentException("NaN at index " + i);
            }
            int bits = Float.floatToIntBits(values[i]);
            int ascending = bits ^ ((bits >> 31) & 0x7fffffff);
            keys[i] = ((long) ~ascending << 32) | i;
        }
        Arrays.sort(keys);
        int[] order = new int[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = (int) keys[i];
        }
        return order;
    }

    /** The first {@code k} indices of {@link #argsortDescending} (same tie rule); {@code 0 <= k <= length}. */
    public static int[] topK(float[] values, int k) {
        if (k < 0 || k > values.length) {
            throw new IllegalArgumentException("top " + k + " of " + values.length + " values");
        }
        return Arrays.copyOf(argsortDescending(values), k);
    }

    /** Euclidean norm, accumulated in double. */
    public static float norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return (float) Math.sqrt(s);
    }

    /** {@code v / max(‖v‖, eps)} as torch's {@code F.normalize} (eps 1e-12), in place. */
    public static void l2NormalizeInPlace(float[] v) {
        divideInPlace(v, Math.max(norm(v), 1e-12f));
    }

    /**
     * {@code v[i] /= divisor} for every element: a division per lane in the vector version, the same IEEE
     * operation as the scalar loop, so the same bits.
     */
    static void divideInPlace(float[] v, float divisor) {
        int bound = 0;
        if (Simd.ENABLED) {
            bound = F.loopBound(v.length);
            for (int i = 0; i < bound; i += F.length()) {
                FloatVector.fromArray(F, v, i).div(divisor).intoArray(v, i);
            }
        }
        for (int i = bound; i < v.length; i++) {
            v[i] /= divisor;
        }
    }

    /** Cosine similarity as torch computes it: {@code a·b / max(‖a‖·‖b‖, eps)} with eps 1e-8. */
    public static float cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        return (float) (dot / Math.max((double) norm(a) * norm(b), 1e-8));
    }

    /** The mean of every column over the rows of {@code x} (float sums from row 0 down): a {@code [cols]} vector. */
    public static float[] columnMeans(FloatMatrix x) {
        float[] m = new float[x.cols()];
        if (Simd.ENABLED) {
            vectorColumnSums(x, m);
        } else {
            scalarColumnSums(x, m);
        }
        divideInPlace(m, x.rows());
        return m;
    }

    static void scalarColumnSums(FloatMatrix x, float[] sums) {
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < x.cols(); c++) {
                sums[c] += x.get(r, c);
            }
        }
    }

    static void vectorColumnSums(FloatMatrix x, float[] sums) {
        int d = x.cols(), lanes = F.length(), bound = d - d % lanes;
        MemorySegment xs = x.segment();
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < bound; c += lanes) {
                FloatVector.fromArray(F, sums, c).add(FloatVector.fromMemorySegment(F, xs, x.offset(r, c), LE))
                        .intoArray(sums, c);
            }
            for (int c = bound; c < d; c++) {
                sums[c] += x.get(r, c);
            }
        }
    }

    /** The mean of every row of {@code x}, accumulated in double: a {@code [rows]} vector. */
    public static float[] rowMeans(FloatMatrix x) {
        float[] m = new float[x.rows()];
        for (int r = 0; r < x.rows(); r++) {
            double s = 0;
            for (int c = 0; c < x.cols(); c++) {
                s += x.get(r, c);
            }
            m[r] = (float) (s / x.cols());
        }
        return m;
    }

    /** Each row of {@code x} divided by {@code max(‖row‖, 1e-12)}, in place (torch's {@code F.normalize(dim=-1)}). */
    public static void l2NormalizeRowsInPlace(FloatMatrix x) {
        float[] row = new float[x.cols()];
        for (int r = 0; r < x.rows(); r++) {
            MemorySegment.copy(x.segment(), FloatMatrix.FLOAT, x.offset(r, 0), row, 0, row.length);
            l2NormalizeInPlace(row);
            MemorySegment.copy(row, 0, x.segment(), FloatMatrix.FLOAT, x.offset(r, 0), row.length);
        }
    }

    /** Softmax of {@code logits}, shifted by the maximum. */
    public static float[] softmax(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        float[] p = new float[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (p[i] / sum);
        }
        return p;
    }

    /** Entropy in nats, {@code −Σ p·log p}, of a probability vector (terms with p = 0 add nothing). */
    public static float entropy(float[] p) {
        double h = 0;
        for (float v : p) {
            if (v > 0) {
                h -= v * Math.log(v);
            }
        }
        return (float) h;
    }

    /** Index of the largest value; the first on ties. */
    public static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
