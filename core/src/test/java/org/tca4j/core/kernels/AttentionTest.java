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
 * {@link Attention} against the scalar definition and a double oracle, with context rows, the causal mask, the
 * cls probabilities and views. NMSE 1e-10: two float products of length Dh and c + n and a float softmax.
 */
@Tag("kernels")
class AttentionTest {
    private static final double NMSE = 1e-10;

    /** Outputs [n·D] followed by the cls probabilities [H·(c+n)], in double. */
    static double[] oracle(FloatMatrix qkv, int c, int heads, boolean causal) {
        int total = qkv.rows(), n = total - c, d = qkv.cols() / 3, dh = d / heads;
        double[] out = new double[n * d + heads * total];
        for (int h = 0; h < heads; h++) {
            for (int i = c; i < total; i++) {
                double[] p = rowProbabilities(qkv, heads, h, i, causal ? i + 1 : total);
                for (int e = 0; e < dh; e++) {
                    double acc = 0;
                    for (int j = 0; j < p.length; j++) {
                        acc += p[j] * qkv.get(j, 2 * d + h * dh + e);
                    }
                    out[(i - c) * d + h * dh + e] = acc;
                }
                if (i == c) {
                    System.arraycopy(p, 0, out, n * d + h * total, p.length);
                }
            }
        }
        return out;
    }

    /** The probabilities of the first r token rows, head-major [H·r, c + n], in double. */
    static double[] probabilityOracle(FloatMatrix qkv, int c, int heads, boolean causal, int r) {
        int total = qkv.rows();
        double[] probs = new double[heads * r * total];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < r; i++) {
                double[] p = rowProbabilities(qkv, heads, h, c + i, causal ? c + i + 1 : total);
                System.arraycopy(p, 0, probs, (h * r + i) * total, p.length);
            }
        }
        return probs;
    }

    /** {@code softmax(q_row·kᵀ/√Dh)} of head h over the first {@code visible} keys, in double. */
    private static double[] rowProbabilities(FloatMatrix qkv, int heads, int h, int row, int visible) {
        int d = qkv.cols() / 3, dh = d / heads;
        double scale = 1 / Math.sqrt(dh);
        double[] p = new double[visible];
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (int j = 0; j < visible; j++) {
            double s = 0;
            for (int e = 0; e < dh; e++) {
                s += (double) qkv.get(row, h * dh + e) * qkv.get(j, d + h * dh + e);
            }
            p[j] = s * scale;
            max = Math.max(max, p[j]);
        }
        for (int j = 0; j < visible; j++) {
            p[j] = Math.exp(p[j] - max);
            sum += p[j];
        }
        for (int j = 0; j < visible; j++) {
            p[j] /= sum;
        }
        return p;
    }

    private static float[] concat(FloatMatrix out, FloatMatrix probs) {
        float[] a = out.toArray(), b = probs.toArray(), all = new float[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @ParameterizedTest(name = "context={0} n={1} D={2} heads={3} causal={4}")
    @CsvSource({
        "0, 1, 4, 1, false", "0, 7, 12, 3, false", "2, 17, 64, 4, false", "2, 17, 64, 4, true", "1, 3, 6, 2, true",
        "0, 65, 96, 3, true", "4, 63, 128, 2, false", "0, 77, 512, 8, true", "1, 197, 768, 12, false",
    })
    void matchesTheScalarDefinitionAndADoubleOracle(int c, int n, int d, int heads, boolean causal) {
        long seed = 31L * n + 7L * d + heads + c + (causal ? 1000 : 0);
        String what = "c=" + c + " n=" + n + " D=" + d + " H=" + heads + " causal=" + causal + " seed " + seed;
        FloatMatrix qkv = Seeded.matrix(seed, c + n, 3 * d, -2, 2);
        FloatMatrix scalarOut = FloatMatrix.allocate(n, d), scalarProbs = FloatMatrix.allocate(heads, c + n);
        Attention.scalarAttention(qkv, c, heads, causal, scalarOut, scalarProbs);
        assertNmse(oracle(qkv, c, heads, causal), concat(scalarOut, scalarProbs), NMSE, "scalar vs oracle, " + what);

        Seeded.Guarded out = Seeded.zerosInsideGuards(n, d, 2), probs = Seeded.zerosInsideGuards(heads, c + n, 1);
        Attention.attention(Seeded.insideGuards(qkv, 3).view(), c, heads, causal, out.view(), probs.view());
        assertNmse(concat(scalarOut, scalarProbs), concat(out.view(), probs.view()), NMSE,
                Simd.describe() + " vs scalar, " + what);
        out.assertGuardsIntact(what);
        probs.assertGuardsIntact(what);
        if (causal) {
            for (int h = 0; h < heads; h++) {
                for (int j = c + 1; j < c + n; j++) {
                    assertThat(probs.view().get(h, j)).as("masked cls probability %d,%d, %s", h, j, what).isZero();
                }
            }
        }
    }

    @ParameterizedTest(name = "context={0} n={1} D={2} heads={3} causal={4} rows={5}")
    @CsvSource({
        "0, 7, 12, 3, false, 7", "2, 17, 64, 4, true, 17", "1, 65, 96, 3, false, 5", "0, 197, 768, 12, false, 197",
    })
    void returnsTheProbabilitiesOfTheFirstRowsHeadMajor(int c, int n, int d, int heads, boolean causal, int rows) {
        long seed = 131L * n + 17L * d + heads + c + rows;
        String what = "c=" + c + " n=" + n + " D=" + d + " H=" + heads + " causal=" + causal + " rows=" + rows
                + " seed " + seed;
        FloatMatrix qkv = Seeded.matrix(seed, c + n, 3 * d, -2, 2);
        FloatMatrix scalarProbs = FloatMatrix.allocate(heads * rows, c + n);
        Attention.scalarAttention(qkv, c, heads, causal, FloatMatrix.allocate(n, d), scalarProbs);
        assertNmse(probabilityOracle(qkv, c, heads, causal, rows), scalarProbs.toArray(), NMSE,
                "scalar vs oracle, " + what);
        Seeded.Guarded probs = Seeded.zerosInsideGuards(heads * rows, c + n, 1);
        Attention.attention(qkv, c, heads, causal, FloatMatrix.allocate(n, d), probs.view());
        assertNmse(scalarProbs.toArray(), probs.view().toArray(), NMSE, Simd.describe() + " vs scalar, " + what);
        probs.assertGuardsIntact(what);
    }

    @Test
    void withoutClsProbabilitiesGivesTheSameOutputs() {
        FloatMatrix qkv = Seeded.matrix(5, 20, 48);
        FloatMatrix a = FloatMatrix.allocate(19, 16), b = FloatMatrix.allocate(19, 16);
        Attention.attention(qkv, 1, 2, false, a, FloatMatrix.allocate(2, 20));
        Attention.attention(qkv, 1, 2, false, b, null);
        assertBitExact(a.toArray(), b.toArray(), "with and without cls probabilities, seed 5");
    }

    @Test
    void sameBitsOnOneAndTwoThreads() {
        long seed = 11;
        FloatMatrix qkv = Seeded.matrix(seed, 198, 3 * 768);
        FloatMatrix one = FloatMatrix.allocate(197, 768), two = FloatMatrix.allocate(197, 768);
        FloatMatrix p1 = FloatMatrix.allocate(12, 198), p2 = FloatMatrix.allocate(12, 198);
        Parallel.withThreads(1, () -> Attention.attention(qkv, 1, 12, false, one, p1));
        Parallel.withThreads(2, () -> Attention.attention(qkv, 1, 12, false, two, p2));
        assertBitExact(one.toArray(), two.toArray(), "outputs on 1 vs 2 threads, seed " + seed);
        assertBitExact(p1.toArray(), p2.toArray(), "cls probabilities on 1 vs 2 threads, seed " + seed);
    }

    @Test
    void reportsTheTwoProductsAsMultiplyAccumulates() {
        FlopCounter counter = new FlopCounter();
        FlopCounter.measure(counter, () ->
                Attention.attention(Seeded.matrix(1, 9, 24), 2, 2, true, FloatMatrix.allocate(7, 8), null));
        assertThat(counter.macs()).isEqualTo(2L * 7 * 9 * 8);
    }

    @Test
    void rejectsBadShapes() {
        FloatMatrix qkv = FloatMatrix.allocate(5, 24);
        assertThatThrownBy(() -> Attention.attention(qkv, 0, 3, false, FloatMatrix.allocate(5, 8), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("heads");
        assertThatThrownBy(() -> Attention.attention(qkv, 5, 2, false, FloatMatrix.allocate(0, 8), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Attention.attention(qkv, 0, 2, false, FloatMatrix.allocate(5, 8),
                FloatMatrix.allocate(2, 4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("probabilities");
        assertThatThrownBy(() -> Attention.attention(qkv, 0, 2, false, FloatMatrix.allocate(5, 8),
                FloatMatrix.allocate(3, 5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("probabilities");
        assertThatThrownBy(() -> Attention.attention(qkv, 0, 2, false, FloatMatrix.allocate(5, 8),
                FloatMatrix.allocate(12, 5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 ≤ r ≤ 5");
    }
}
