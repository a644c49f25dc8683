package org.tca4j.core.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tca4j.core.testing.Numerics.assertBitExact;
import static org.tca4j.core.testing.Numerics.assertNmse;

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
 * {@link MatMul}: the entry point (vector or scalar, per {@code tca4j.vectorBits}) against the scalar definition,
 * the scalar definition against a double-precision oracle, views, the FLOP count and determinism over threads.
 * NMSE bound: a float dot product of length K has relative error of order √K·2⁻²⁴, so NMSE of order K·2⁻⁴⁸ (≈1e-11
 * at K = 3072); 1e-9 leaves room for unlucky cancellation but fails any indexing or packing error.
 */
@Tag("kernels")
class MatMulTest {
    private static final double NMSE = 1e-9;

    /** {@code y = x·wᵀ + b} in double. */
    static double[] oracle(FloatMatrix x, FloatMatrix w, FloatMatrix bias) {
        int m = x.rows(), n = w.rows(), k = x.cols();
        double[] y = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = bias == null ? 0 : bias.get(0, j);
                for (int p = 0; p < k; p++) {
                    acc += (double) x.get(i, p) * w.get(j, p);
                }
                y[i * n + j] = acc;
            }
        }
        return y;
    }

    @ParameterizedTest(name = "M={0} K={1} N={2} bias={3}")
    @CsvSource({
        "1, 1, 1, true", "3, 7, 17, false", "7, 63, 65, true", "17, 65, 63, true", "6, 3, 32, false",
        "13, 17, 3, true", "65, 128, 96, false", "197, 768, 65, true", "1, 768, 512, true", "63, 3072, 33, true",
    })
    void matchesTheScalarDefinitionAndADoubleOracle(int m, int k, int n, boolean withBias) {
        long seed = 1000L * m + 10L * k + n;
        String what = "M=" + m + " K=" + k + " N=" + n + " seed " + seed;
        FloatMatrix x = Seeded.matrix(seed, m, k), w = Seeded.matrix(seed + 1, n, k);
        FloatMatrix bias = withBias ? Seeded.matrix(seed + 2, 1, n) : null;

        FloatMatrix scalar = FloatMatrix.allocate(m, n);
        MatMul.scalarMatmul(x, w, bias, scalar);
        assertNmse(oracle(x, w, bias), scalar.toArray(), NMSE, "scalar vs double oracle, " + what);

        Seeded.Guarded y = Seeded.zerosInsideGuards(m, n, 3);
        MatMul.matmul(Seeded.insideGuards(x, 5).view(), Linear.of(w, bias), y.view());
        assertNmse(scalar.toArray(), y.view().toArray(), NMSE, Simd.describe() + " vs scalar, " + what);
        y.assertGuardsIntact(what);
    }

    @ParameterizedTest(name = "M={0} K={1} N={2}")
    @CsvSource({"1, 1, 1", "7, 63, 65", "77, 64, 77", "197, 64, 197"})
    void transposedProductOfTwoActivations(int m, int k, int n) {
        long seed = 77L * m + k + 5L * n;
        String what = "M=" + m + " K=" + k + " N=" + n + " seed " + seed;
        FloatMatrix a = Seeded.matrix(seed, m, k), b = Seeded.matrix(seed + 1, n, k);
        FloatMatrix y = FloatMatrix.allocate(m, n);
        MatMul.matmulTransposed(Seeded.insideGuards(a, 1).view(), Seeded.insideGuards(b, 2).view(), y);
        assertNmse(oracle(a, b, null), y.toArray(), NMSE, what);
    }

    /**
     * A row's result does not depend on the other rows: whichever tile height (12, 8 or 6), padding or edge path
     * computes it, it is the same fma chain. Every row count from 1 to 40 (every plan of {@link RowTiles}) against
     * the rows computed one by one.
     */
    @Test
    void eachRowHasTheSameBitsWhateverTheRowCount() {
        long seed = 4040;
        int k = 37, n = 70;
        FloatMatrix all = Seeded.matrix(seed, 40, k);
        Linear linear = Linear.of(Seeded.matrix(seed + 1, n, k), Seeded.matrix(seed + 2, 1, n));
        FloatMatrix single = FloatMatrix.allocate(40, n);
        for (int i = 0; i < 40; i++) {
            MatMul.matmul(all.rows(i, i + 1), linear, single.rows(i, i + 1));
        }
        for (int m = 1; m <= 40; m++) {
            FloatMatrix y = FloatMatrix.allocate(m, n);
            MatMul.matmul(all.rows(0, m), linear, y);
            assertBitExact(single.rows(0, m).toArray(), y.toArray(), "M=" + m + " vs rows one by one, seed " + seed);
        }
    }

    @Test
    void preparedWeightGivesBackTheOriginal() {
        FloatMatrix w = Seeded.matrix(3, 45, 19);
        Linear linear = Linear.of(w, null);
        assertThat(linear.in()).isEqualTo(19);
        assertThat(linear.out()).isEqualTo(45);
        assertBitExact(w.toArray(), linear.weight().toArray(), "unpacked weight, seed 3");
    }

    @Test
    void sameBitsOnOneAndTwoThreads() {
        long seed = 42;
        FloatMatrix x = Seeded.matrix(seed, 197, 300), w = Seeded.matrix(seed + 1, 333, 300);
        Linear linear = Linear.of(w, Seeded.matrix(seed + 2, 1, 333));
        FloatMatrix one = FloatMatrix.allocate(197, 333), two = FloatMatrix.allocate(197, 333);
        Parallel.withThreads(1, () -> MatMul.matmul(x, linear, one));
        Parallel.withThreads(2, () -> MatMul.matmul(x, linear, two));
        assertBitExact(one.toArray(), two.toArray(), "1 vs 2 threads, seed " + seed);
        FloatMatrix three = FloatMatrix.allocate(197, 333);
        Parallel.withThreads(3, () -> MatMul.matmul(x, linear, three));
        assertBitExact(one.toArray(), three.toArray(), "1 vs 3 threads, seed " + seed);
    }

    @Test
    void reportsMultiplyAccumulates() {
        FlopCounter counter = new FlopCounter();
        FlopCounter.measure(counter, () -> {
            MatMul.matmul(Seeded.matrix(1, 5, 7), Linear.of(Seeded.matrix(2, 3, 7), null), FloatMatrix.allocate(5, 3));
            MatMul.matmulTransposed(Seeded.matrix(3, 4, 9), Seeded.matrix(4, 6, 9), FloatMatrix.allocate(4, 6));
        });
        assertThat(counter.macs()).isEqualTo(5 * 3 * 7 + 4 * 6 * 9);
        assertThat(counter.layerNormElements()).isZero();
    }

    @Test
    void rejectsMismatchedShapes() {
        Linear w = Linear.of(Seeded.matrix(1, 4, 3), null);
        assertThatThrownBy(() -> MatMul.matmul(FloatMatrix.allocate(2, 5), w, FloatMatrix.allocate(2, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matmul");
        assertThatThrownBy(() -> MatMul.matmul(FloatMatrix.allocate(2, 3), w, FloatMatrix.allocate(2, 5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Linear.of(Seeded.matrix(1, 4, 3), FloatMatrix.allocate(1, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bias");
    }
}
