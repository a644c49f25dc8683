package org.tca4j.core.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tca4j.core.testing.Numerics.assertBitExact;
import static org.tca4j.core.testing.Numerics.assertWithinUlpsOfScale;
import static org.tca4j.core.testing.Numerics.chainLength;

import java.lang.foreign.Arena;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tca4j.core.flops.FlopCounter;
import org.tca4j.core.simd.Parallel;
import org.tca4j.core.simd.Simd;
import org.tca4j.core.testing.Seeded;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * {@link LayerNorm}. Error model: the mean and the variance are float sums, off by at most about one ulp of the
 * running sum per dependent addition; in the output that is an error of order
 * {@code chain · ulp(|γ|·(|x − mean| + |mean|)·inv + |β|)}, chain = the longest chain of additions (the row length
 * for the scalar definition, {@code ceil(cols/lanes) + lanes} for the vector version). The bound is 2·chain ulps of
 * that scale, against a double oracle for the scalar definition and against the scalar definition for the entry.
 */
@Tag("kernels")
class LayerNormTest {
    private static final float EPS = 1e-5f;

    static double[] oracle(FloatMatrix x, FloatMatrix g, FloatMatrix b, float eps) {
        int d = x.cols();
        double[] y = new double[Math.toIntExact(x.size())];
        for (int r = 0; r < x.rows(); r++) {
            double mean = rowMean(x, r);
            double inv = inverseStd(x, r, mean, eps);
            for (int c = 0; c < d; c++) {
                y[r * d + c] = (x.get(r, c) - mean) * inv * g.get(0, c) + b.get(0, c);
            }
        }
        return y;
    }

    /** Row {@code r}'s mean, in double. */
    private static double rowMean(FloatMatrix x, int r) {
        double mean = 0;
        for (int c = 0; c < x.cols(); c++) {
            mean += x.get(r, c);
        }
        return mean / x.cols();
    }

    /** {@code 1 / sqrt(var + eps)} of row {@code r} (biased variance, as LayerNorm), in double. */
    private static double inverseStd(FloatMatrix x, int r, double mean, float eps) {
        double var = 0;
        for (int c = 0; c < x.cols(); c++) {
            var += (x.get(r, c) - mean) * (x.get(r, c) - mean);
        }
        return 1 / Math.sqrt(var / x.cols() + eps);
    }

    private static float[] scale(FloatMatrix x, FloatMatrix g, FloatMatrix b, double[] y) {
        int d = x.cols();
        float[] s = new float[y.length];
        for (int r = 0; r < x.rows(); r++) {
            double mean = rowMean(x, r);
            double inv = inverseStd(x, r, mean, EPS);
            for (int c = 0; c < d; c++) {
                s[r * d + c] = (float) (Math.abs(g.get(0, c)) * (Math.abs(x.get(r, c) - mean) + Math.abs(mean)) * inv
                        + Math.abs(b.get(0, c)));
            }
        }
        return s;
    }

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"1, 1", "3, 7", "2, 17", "5, 63", "4, 65", "197, 768", "2, 3072"})
    void matchesTheScalarDefinitionAndADoubleOracle(int rows, int cols) {
        long seed = 100L * rows + cols;
        String what = rows + "×" + cols + " seed " + seed;
        FloatMatrix x = Seeded.matrix(seed, rows, cols, -3, 5); // an offset mean, as in a residual stream
        FloatMatrix g = Seeded.matrix(seed + 1, 1, cols, 0.5, 1.5), b = Seeded.matrix(seed + 2, 1, cols);
        double[] exact = oracle(x, g, b, EPS);
        float[] tolerance = scale(x, g, b, exact);
        float[] exactFloat = new float[exact.length];
        for (int i = 0; i < exact.length; i++) {
            exactFloat[i] = (float) exact[i];
        }
        FloatMatrix scalar = FloatMatrix.allocate(rows, cols);
        LayerNorm.scalarLayerNorm(x, g, b, EPS, scalar);
        int scalarChain = chainLength(cols, 1);
        assertWithinUlpsOfScale(exactFloat, scalar.toArray(), tolerance, 2.0 * scalarChain, "scalar vs oracle, " + what);

        Seeded.Guarded out = Seeded.zerosInsideGuards(rows, cols, 1);
        LayerNorm.layerNorm(Seeded.insideGuards(x, 2).view(), g, b, EPS, out.view());
        int chain = scalarChain + chainLength(cols, Simd.lanes());
        assertWithinUlpsOfScale(scalar.toArray(), out.view().toArray(), tolerance, 2.0 * chain,
                Simd.describe() + " vs scalar, " + what);
        out.assertGuardsIntact(what);
    }

    @Test
    void sameBitsOnOneAndTwoThreads() {
        for (int[] shape : new int[][] {{197, 768}, {77, 513}, {1, 7}}) {
            long seed = 97L * shape[0] + shape[1];
            FloatMatrix x = Seeded.matrix(seed, shape[0], shape[1], -3, 3);
            FloatMatrix g = Seeded.matrix(seed + 1, 1, shape[1]), b = Seeded.matrix(seed + 2, 1, shape[1]);
            FloatMatrix one = FloatMatrix.allocate(shape[0], shape[1]), two = FloatMatrix.allocate(shape[0], shape[1]);
            Parallel.withThreads(1, () -> LayerNorm.layerNorm(x, g, b, EPS, one));
            Parallel.withThreads(2, () -> LayerNorm.layerNorm(x, g, b, EPS, two));
            assertBitExact(one.toArray(), two.toArray(), "layer norm " + shape[0] + "×" + shape[1] + " on 1 vs 2 "
                    + "threads, seed " + seed);
        }
    }

    @Test
    void worksInPlaceAndCountsFivePerElement() {
        FloatMatrix x = Seeded.matrix(9, 3, 33), copy = x.copy();
        FloatMatrix g = Seeded.matrix(10, 1, 33), b = Seeded.matrix(11, 1, 33);
        FloatMatrix separate = FloatMatrix.allocate(3, 33);
        FlopCounter counter = new FlopCounter();
        FlopCounter.measure(counter, () -> {
            LayerNorm.layerNorm(copy, g, b, EPS, separate);
            LayerNorm.layerNorm(x, g, b, EPS, x);
        });
        org.tca4j.core.testing.Numerics.assertBitExact(separate.toArray(), x.toArray(), "in place, seed 9");
        assertThat(counter.layerNormElements()).isEqualTo(2 * 3 * 33);
        assertThat(counter.fvcoreGflops()).isEqualTo(5.0 * 2 * 3 * 33 / 1e9);
        assertThat(counter.macs()).isZero();
    }

    @Test
    void nativeMemoryGivesTheBitsOfTheHeap() {
        long seed = 41;
        FloatMatrix x = Seeded.matrix(seed, 5, 65, -3, 3);
        FloatMatrix g = Seeded.matrix(seed + 1, 1, 65), b = Seeded.matrix(seed + 2, 1, 65);
        FloatMatrix heap = FloatMatrix.allocate(5, 65);
        LayerNorm.layerNorm(x, g, b, EPS, heap);
        try (Arena arena = Arena.ofConfined()) {
            FloatMatrix nx = offHeap(arena, x), ng = offHeap(arena, g), nb = offHeap(arena, b);
            FloatMatrix nativeOut = offHeap(arena, FloatMatrix.allocate(5, 65));
            LayerNorm.layerNorm(nx, ng, nb, EPS, nativeOut);
            assertBitExact(heap.toArray(), nativeOut.toArray(), "native in and out, seed " + seed);
            LayerNorm.layerNorm(nx, ng, nb, EPS, nx);
            assertBitExact(heap.toArray(), nx.toArray(), "native in place, seed " + seed);
        }
    }

    private static FloatMatrix offHeap(Arena arena, FloatMatrix m) {
        FloatMatrix copy = FloatMatrix.of(arena.allocate(4 * m.size(), 64), m.rows(), m.cols());
        copy.copyFrom(m);
        return copy;
    }

    @Test
    void rejectsParametersOfTheWrongLength() {
        FloatMatrix x = FloatMatrix.allocate(2, 4);
        assertThatThrownBy(() -> LayerNorm.layerNorm(x, FloatMatrix.allocate(1, 3), FloatMatrix.allocate(1, 4), EPS, x))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer norm");
    }
}
