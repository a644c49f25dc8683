package org.tca4j.tca.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tca4j.core.tensor.FloatMatrix;

class TomeHeadMeanTest {
    @Test
    void averagesTheHeadsRowByRowInHeadOrder() {
        // two heads over 2 tokens: rows 0-1 head 0, rows 2-3 head 1
        FloatMatrix perHead = FloatMatrix.wrap(new float[] {
            0.75f, 0.25f,
            0.5f, 0.5f,
            0.25f, 0.75f,
            1f, 0f,
        }, 4, 2);
        FloatMatrix mean = TomeCondenser.headMean(perHead, 2, 2);
        assertThat(mean.toArray()).containsExactly(0.5f, 0.5f, 0.75f, 0.25f);
    }

    /**
     * The matching's cosines come from the core GEMM: for every block size from one row up, the best partner and its
     * cosine equal a direct double computation (to float rounding), and {@code <cls>} never merges.
     */
    @Test
    void matchingPicksTheMostSimilarBRowForEveryBlockSize() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(31);
        for (int n = 1; n <= 9; n++) {
            FloatMatrix attention = FloatMatrix.allocate(n, n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    attention.set(i, j, (float) random.nextDouble());
                }
            }
            int r = Math.min(n / 3, (n - 1) / 2);
            TomeCondenser.Matching m = TomeCondenser.match(attention, r);
            assertThat(m.best()).as("n = %d", n).hasSize((n + 1) / 2);
            assertThat(m.best()[0]).as("<cls>, n = %d", n).isEqualTo(Float.NEGATIVE_INFINITY);
            assertThat(m.src()).as("merged, n = %d", n).hasSize(r).doesNotContain(0);
            assertThat(m.unm().length + m.src().length).as("A rows, n = %d", n).isEqualTo((n + 1) / 2);
            for (int i = 0; i < m.src().length; i++) {
                int a = m.src()[i];
                double best = Double.NEGATIVE_INFINITY;
                for (int b = 0; b < n / 2; b++) {
                    best = Math.max(best, cosine(attention, 2 * a, 2 * b + 1));
                }
                assertThat((double) m.best()[a]).as("best cosine of A row %d, n = %d", a, n)
                        .isCloseTo(best, org.assertj.core.data.Offset.offset(1e-6));
                assertThat(cosine(attention, 2 * a, 2 * m.dst()[i] + 1)).as("its partner, n = %d", n)
                        .isCloseTo(best, org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }

    private static double cosine(FloatMatrix x, int i, int j) {
        double dot = 0, ni = 0, nj = 0;
        for (int c = 0; c < x.cols(); c++) {
            dot += (double) x.get(i, c) * x.get(j, c);
            ni += (double) x.get(i, c) * x.get(i, c);
            nj += (double) x.get(j, c) * x.get(j, c);
        }
        return dot / Math.sqrt(ni * nj);
    }

    @Test
    void refusesAPassThatDidNotHandOverEveryRow() {
        assertThatThrownBy(() -> TomeCondenser.headMean(null, 12, 197))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("wantsAllAttention");
        assertThatThrownBy(() -> TomeCondenser.headMean(FloatMatrix.allocate(12, 198), 12, 197))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[2364, 197]");
    }

    @Test
    void asksForAllRowsOnlyAtItsMergeBlocksAndOnlyWithoutAProbe() {
        TomeCondenser fromPass = new TomeCondenser(0.1, List.of(3, 6, 9), 12);
        assertThat(fromPass.wantsAllAttention(3)).isTrue();
        assertThat(fromPass.wantsAllAttention(4)).isFalse();
        TomeCondenser fromProbe = new TomeCondenser(0.1, List.of(3), (layer, n) -> FloatMatrix.allocate(n, n));
        assertThat(fromProbe.wantsAllAttention(3)).isFalse();
    }
}
