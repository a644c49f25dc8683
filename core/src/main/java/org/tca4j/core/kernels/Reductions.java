package org.tca4j.core.kernels;

import java.util.Arrays;
import org.tca4j.core.tensor.FloatMatrix;

/** Sorting, normalization, similarity and the small statistics TCA needs. */
public final class Reductions {
    private Reductions() {}

    /**
     * The indices of {@code values} ordered by decreasing value. Tie rule: equal values keep increasing index order
     * (a stable sort); NaN is not allowed.
     */
    public static int[] argsortDescending(float[] values) {
        Integer[] idx = new Integer[values.length];
        for (int i = 0; i < idx.length; i++) {
            if (Float.isNaN(values[i])) {
                throw new IllegalArgumentException("NaN at index " + i);
            }
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Float.compare(values[b], values[a]));
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    /** The first {@code k} indices of {@link #argsortDescending}. */
    public static int[] topK(float[] values, int k) {
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
        float n = Math.max(norm(v), 1e-12f);
        for (int i = 0; i < v.length; i++) {
            v[i] /= n;
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

    /** The mean of every column over the rows of {@code x}: a {@code [cols]} vector. */
    public static float[] columnMeans(FloatMatrix x) {
        float[] m = new float[x.cols()];
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < x.cols(); c++) {
                m[c] += x.get(r, c);
            }
        }
        for (int c = 0; c < m.length; c++) {
            m[c] /= x.rows();
        }
        return m;
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
