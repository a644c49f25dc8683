package org.tca4j.core.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
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
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
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

    /** The rows split among the kernel threads; each row is computed whole by one thread (same bits). */
    static void vectorLayerNorm(FloatMatrix x, FloatMatrix gamma, FloatMatrix beta, float eps, FloatMatrix out) {
        int rows = x.rows();
        int parts = Parallel.parts(x.size(), MIN_ELEMENTS_PER_PART, rows);
        Parallel.run(parts, part -> vectorRows(x, gamma, beta, eps, out, Parallel.start(rows, parts, part),
                Parallel.start(rows, parts, part + 1)));
    }

    private static void vectorRows(FloatMatrix x, FloatMatrix gamma, FloatMatrix beta, float eps, FloatMatrix out,
                                   int rowFrom, int rowTo) {
        int d = x.cols(), lanes = F.length(), bound = d - d % lanes;
        MemorySegment xs = x.segment(), os = out.segment(), gs = gamma.segment(), bs = beta.segment();
        float[] laneSums = new float[lanes]; // the accumulator goes through this array, never to a call (no boxing)
        for (int r = rowFrom; r < rowTo; r++) {
            long row = x.offset(r, 0);
            FloatVector acc = FloatVector.zero(F);
            for (int c = 0; c < bound; c += lanes) {
                acc = acc.add(FloatVector.fromMemorySegment(F, xs, row + 4L * c, LE));
            }
            acc.intoArray(laneSums, 0);
            float sum = VectorMath.sumInOrder(laneSums);
            for (int c = bound; c < d; c++) {
                sum += x.get(r, c);
            }
            float mean = sum / d;
            acc = FloatVector.zero(F);
            for (int c = 0; c < bound; c += lanes) {
                FloatVector dev = FloatVector.fromMemorySegment(F, xs, row + 4L * c, LE).sub(mean);
                acc = acc.add(dev.mul(dev));
            }
            acc.intoArray(laneSums, 0);
            float sq = VectorMath.sumInOrder(laneSums);
            for (int c = bound; c < d; c++) {
                float dev = x.get(r, c) - mean;
                sq += dev * dev;
            }
            float inv = inverseStd(sq, d, eps);
            long outRow = out.offset(r, 0);
            for (int c = 0; c < bound; c += lanes) {
                FloatVector v = FloatVector.fromMemorySegment(F, xs, row + 4L * c, LE).sub(mean).mul(inv)
                        .mul(FloatVector.fromMemorySegment(F, gs, 4L * c, LE))
                        .add(FloatVector.fromMemorySegment(F, bs, 4L * c, LE));
                v.intoMemorySegment(os, outRow + 4L * c, LE);
            }
            for (int c = bound; c < d; c++) {
                out.set(r, c, (x.get(r, c) - mean) * inv * gamma.get(0, c) + beta.get(0, c));
            }
        }
    }
}
