package org.tca4j.core.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.tca4j.core.flops.FlopCounter;
import org.tca4j.core.simd.Parallel;
import org.tca4j.core.simd.Simd;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * Row-wise layer norm, as {@code torch.nn.LayerNorm}: {@code y = (x − mean) / sqrt(var + eps) · γ + β} with the
 * biased variance (divided by the row length) over each row. Reports five fvcore operations per element.
 *
 * <p>Loop structure: per row three passes, the sum, the sum of squared deviations, the output. Numerics: the two
 * sums accumulate in float (the scalar definition from the left, the vector version lane by lane then across
 * lanes), {@code 1/sqrt} in double; the output pass is the same float operations in both. Tests: within
 * {@code 8·ceil(cols/lanes)} ulp (a reduction bound) of the scalar definition, which matches a double oracle to
 * the same order.
 */
public final class LayerNorm {
    private static final VectorSpecies<Float> F = Simd.F;
    /** Below this many elements per thread a layer norm does not fan out. */
    private static final long MIN_ELEMENTS_PER_PART = 1L << 15;

    private LayerNorm() {}

    /** {@code out = layerNorm(x)}; gamma and beta are {@code [1, cols]}; out may be x. */
    public static void layerNorm(FloatMatrix x, FloatMatrix gamma, FloatMatrix beta, float eps, FloatMatrix out) {
        int d = x.cols();
        if (gamma.rows() != 1 || gamma.cols() != d || beta.rows() != 1 || beta.cols() != d
                || out.rows() != x.rows() || out.cols() != d) {
            throw new IllegalArgumentException("layer norm of " + x + " with γ " + gamma + ", β " + beta + " into "
                    + out);
        }
        FlopCounter.addLayerNorm(x.size());
        if (Simd.ENABLED) {
            vectorLayerNorm(x, gamma, beta, eps, out);
        } else {
            scalarLayerNorm(x, gamma, beta, eps, out);
        }
    }

    static void scalarLayerNorm(FloatMatrix x, FloatMatrix gamma, FloatMatrix beta, float eps, FloatMatrix out) {
        int d = x.cols();
        for (int r = 0; r < x.rows(); r++) {
            float sum = 0f;
            for (int c = 0; c < d; c++) {
                sum += x.get(r, c);
            }
            float mean = sum / d;
            float sq = 0f;
            for (int c = 0; c < d; c++) {
                float dev = x.get(r, c) - mean;
                sq += dev * dev;
            }
            float inv = inverseStd(sq, d, eps);
            for (int c = 0; c < d; c++) {
                out.set(r, c, (x.get(r, c) - mean) * inv * gamma.get(0, c) + beta.get(0, c));
            }
        }
    }

    private static float inverseStd(float squares, int d, float eps) {
        return (float) (1.0 / Math.sqrt(squares / d + eps));
    }

    /**
     * The rows split among the kernel threads; each row is computed whole by one thread (same bits). The vector
     * path reads and writes float arrays: a matrix that is not on one (native memory) is staged through a heap
     * copy, since a vector access whose call site sees native and heap memory loses its C2 intrinsic.
     */
    static void vectorLayerNorm(FloatMatrix x, FloatMatrix gamma, FloatMatrix beta, float eps, FloatMatrix out) {
        FloatMatrix in = onHeap(x), g = onHeap(gamma), b = onHeap(beta);
        FloatMatrix result = array(out) != null ? out : FloatMatrix.allocate(out.rows(), out.cols());
        float[] xa = array(in), ga = array(g), ba = array(b), oa = array(result);
        int xBase = index(in), gBase = index(g), bBase = index(b), oBase = index(result);
        int rows = x.rows(), d = x.cols();
        int parts = Parallel.parts(x.size(), MIN_ELEMENTS_PER_PART, rows);
        Parallel.run(parts, part -> {
            float[] laneSums = new float[F.length()]; // vector sums leave through this array, never through a call
            int to = Parallel.start(rows, parts, part + 1);
            for (int r = Parallel.start(rows, parts, part); r < to; r++) {
                int row = xBase + r * d;
                float mean = rowSum(xa, row, d, laneSums) / d;
                float inv = inverseStd(rowSquares(xa, row, d, mean, laneSums), d, eps);
                normalizeRow(xa, row, d, mean, inv, ga, gBase, ba, bBase, oa, oBase + r * d);
            }
        });
        if (result != out) {
            out.copyFrom(result);
        }
    }

    private static FloatMatrix onHeap(FloatMatrix m) {
        return array(m) != null ? m : m.copy();
    }

    private static float[] array(FloatMatrix m) {
        return HeapArrays.array(m.segment());
    }

    private static int index(FloatMatrix m) {
        return HeapArrays.index(m.segment(), 0);
    }

    /** Σ x over one row: lane sums, then across the lanes in order, then the tail. */
    private static float rowSum(float[] x, int row, int d, float[] laneSums) {
        int lanes = F.length(), bound = d - d % lanes;
        FloatVector acc = FloatVector.zero(F);
        for (int c = 0; c < bound; c += lanes) {
            acc = acc.add(FloatVector.fromArray(F, x, row + c));
        }
        acc.intoArray(laneSums, 0);
        float sum = VectorMath.sumInOrder(laneSums);
        for (int c = bound; c < d; c++) {
            sum += x[row + c];
        }
        return sum;
    }

    /** Σ (x − mean)² over one row, accumulated as {@link #rowSum}. */
    private static float rowSquares(float[] x, int row, int d, float mean, float[] laneSums) {
        int lanes = F.length(), bound = d - d % lanes;
        FloatVector acc = FloatVector.zero(F);
        for (int c = 0; c < bound; c += lanes) {
            FloatVector dev = FloatVector.fromArray(F, x, row + c).sub(mean);
            acc = acc.add(dev.mul(dev));
        }
        acc.intoArray(laneSums, 0);
        float sq = VectorMath.sumInOrder(laneSums);
        for (int c = bound; c < d; c++) {
            float dev = x[row + c] - mean;
            sq += dev * dev;
        }
        return sq;
    }

    /** {@code out = (x − mean)·inv·γ + β} over one row. */
    private static void normalizeRow(float[] x, int row, int d, float mean, float inv, float[] gamma, int g,
                                     float[] beta, int b, float[] out, int outRow) {
        int lanes = F.length(), bound = d - d % lanes;
        for (int c = 0; c < bound; c += lanes) {
            FloatVector.fromArray(F, x, row + c).sub(mean).mul(inv)
                    .mul(FloatVector.fromArray(F, gamma, g + c))
                    .add(FloatVector.fromArray(F, beta, b + c))
                    .intoArray(out, outRow + c);
        }
        for (int c = bound; c < d; c++) {
            out[outRow + c] = (x[row + c] - mean) * inv * gamma[g + c] + beta[b + c];
        }
    }
}
