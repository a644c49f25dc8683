package org.tca4j.tca.baselines;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tca4j.core.flops.FlopCounter;
import org.tca4j.core.tensor.FloatMatrix;

/** ToMe's rebuilt attention matrix: the GEMM version against its scalar definition, and outside the pass's count. */
class MeanAttentionTapTest {
    @Test
    void gemmScoresGiveTheDefinitionsHeadMeanAndCountNothing() {
        long seed = 61;
        for (int n : new int[] {1, 7, 50, 197}) {
            FloatMatrix qkv = random(n, 3 * 96, seed + n);                 // 6 heads of 16
            FlopCounter counter = new FlopCounter();
            FloatMatrix[] fast = new FloatMatrix[1];
            FlopCounter.measure(counter, () -> {
                fast[0] = MeanAttentionTap.meanAttention(qkv, 6);
            });
            FloatMatrix slow = MeanAttentionTap.scalarMeanAttention(qkv, 6);
            String what = "n=" + n + ", seed " + (seed + n);
            assertThat(counter.flops()).as(what + ": FLOPs reported to the pass").isZero();
            float[] a = fast[0].toArray(), b = slow.toArray();
            double worst = 0;
            for (int i = 0; i < a.length; i++) {
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
            }
            // probabilities in [0, 1]; the scores differ only by the order of 16 float products
            assertThat(worst).as(what + ": max |GEMM − definition|").isLessThan(2e-7);
            for (int i = 0; i < n; i++) {
                double rowSum = 0;
                for (int j = 0; j < n; j++) {
                    rowSum += fast[0].get(i, j);
                }
                assertThat(rowSum).as(what + " row " + i + " sums to 1").isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    private static FloatMatrix random(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        FloatMatrix m = FloatMatrix.allocate(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m.set(i, j, (float) (2 * random.nextGaussian()));
            }
        }
        return m;
    }
}
