package org.tca4j.tca.condense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.config.KCenterStart;
import org.tca4j.tca.config.RankBy;
import org.tca4j.tca.config.TcaConfig;

/**
 * The paper-described options the reference code does not use, on small hand-computed cases: the cross-head rank
 * consensus ({@link RankBy#AVERAGE_HEAD_RANK}) and the seeded random k-center start ({@link KCenterStart#RANDOM}).
 */
class CondensationOptionsTest {
    /** One condensation at block 1 of a block with 17 rows: tiers keep 2, merge 10 (into 4 centres), fuse 4. */
    private static final TcaConfig AT_BLOCK_1 = TcaConfig.defaults().withLayers(List.of(1)).withRate(0.25);

    @Test
    void averageHeadRankAveragesEachPatchsAscendingPositionOverHeads() {
        // 3 heads, <cls> then 4 patches; head 0 loves patch 0, heads 1 and 2 rank 1 > 2 > 3 > 0
        FloatMatrix att = FloatMatrix.wrap(new float[] {
            0.05f, 0.90f, 0.10f, 0.08f, 0.05f,
            0.39f, 0.01f, 0.30f, 0.20f, 0.10f,
            0.36f, 0.02f, 0.25f, 0.22f, 0.15f}, 3, 5);
        // ascending positions per head: h0 p3=0 p2=1 p1=2 p0=3; h1 and h2 p0=0 p3=1 p2=2 p1=3
        // sums p0 3, p1 8, p2 5, p3 2 -> best first 1, 2, 0, 3; the head mean (0.31, 0.217, 0.167, 0.1) says 0, 1, 2, 3
        assertThat(PatchScores.byAverageHeadRank(att, 5)).containsExactly(1, 2, 0, 3);
        assertThat(org.tca4j.core.kernels.Reductions.argsortDescending(PatchScores.meanOverHeads(att, 5)))
                .containsExactly(0, 1, 2, 3);
    }

    @Test
    void averageHeadRankBreaksTiesByLowerPatchAndSkipsTheAnchorColumn() {
        // an anchor column first (its huge values must not count), <cls>, then 2 patches that split the heads:
        // rank sums p0 = 1 + 0, p1 = 0 + 1 -> tie -> patch 0 first (the head mean, 0.3 vs 0.4, would say 1 first)
        FloatMatrix att = FloatMatrix.wrap(new float[] {
            9f, 0.3f, 0.5f, 0.2f,
            9f, 0.3f, 0.1f, 0.6f}, 2, 4);
        assertThat(PatchScores.byAverageHeadRank(att, 3)).containsExactly(0, 1);
    }

    @Test
    void condenserKeepsMergesAndFusesByTheRankConsensusWhenAsked() {
        FloatMatrix x = tokens(17, 3);
        FloatMatrix att = consensusDisagreesWithMean();
        TcaDecision byRank = condense(AT_BLOCK_1.withRankBy(RankBy.AVERAGE_HEAD_RANK), x, att);
        // rank sums: p0 = 0 + 0 + 15, p_k = k + k + (k − 1) for k >= 1 -> 15, 14, ..., 6, then 0, then 5, ..., 1
        assertThat(byRank.keep()).containsExactly(15, 14);
        assertThat(byRank.cluster()).containsExactly(13, 12, 11, 10, 9, 8, 7, 6, 0, 5);
        assertThat(byRank.fuse()).as("the fused tier, ascending as the reference sums it").containsExactly(1, 2, 3, 4);
        // the fused token still weighs by the head-mean attention: Σ s[p]·x[p+1], s[p] = (p+1)/1000 for p in 1..4
        float[] expectedFused = new float[3];
        for (int p = 1; p <= 4; p++) {
            for (int c = 0; c < 3; c++) {
                expectedFused[c] += (p + 1) / 1000f * x.get(p + 1, c);
            }
        }
        assertThat(byRank.fused()).containsExactly(expectedFused, org.assertj.core.data.Offset.offset(1e-7f));
        TcaDecision byMean = condense(AT_BLOCK_1, x, att);
        assertThat(byMean.keep()).containsExactly(0, 15);
        assertThat(byMean.cluster()).containsExactly(14, 13, 12, 11, 10, 9, 8, 7, 6, 5);
    }

    @Test
    void kCenterGreedyFromAGivenStartTakesTheFarthestTokenFirstIndexOnTies() {
        // 1-d tokens 0, 1, 5, 9, 10 (rows 1..5), start at 5: distances 5 4 0 4 5 -> band position 0 (tie with 4);
        // then min distances 0 1 0 4 5 -> position 4
        FloatMatrix x = FloatMatrix.wrap(new float[] {-7, 0, 1, 5, 9, 10}, 6, 1);
        assertThat(KCenterGreedy.select(x, new int[] {1, 2, 3, 4, 5}, 3, 2)).containsExactly(2, 0, 4);
    }

    @Test
    void kCenterGreedyReturnsEachRowsDistanceToEachCentre() {
        FloatMatrix x = tokens(23, 771);
        int[] band = {3, 4, 7, 8, 9, 12, 15, 16, 20, 22};
        KCenterGreedy.Selection selection = KCenterGreedy.selectWithDistances(x, band, 4, 1);
        assertThat(selection.centres()).containsExactly(KCenterGreedy.select(x, band, 4, 1));
        for (int i = 0; i < 4; i++) {
            for (int t = 0; t < band.length; t++) {
                double exact = 0;
                for (int c = 0; c < x.cols(); c++) {
                    double d = (double) x.get(band[t], c) - x.get(band[selection.centres()[i]], c);
                    exact += d * d;
                }
                assertThat(selection.distances()[i][t]).as("centre %d, band position %d", i, t)
                        .isCloseTo(Math.sqrt(exact), org.assertj.core.data.Offset.offset(1e-12 * Math.sqrt(exact)));
            }
            assertThat(selection.distances()[i][selection.centres()[i]]).as("centre %d to itself", i).isZero();
        }
    }

    @Test
    void randomKCenterStartIsTheSeededDrawAndReproducible() {
        FloatMatrix x = tokens(17, 3);
        FloatMatrix att = consensusDisagreesWithMean();
        long seed = 20241014L;
        TcaConfig random = AT_BLOCK_1.withKCenterStart(KCenterStart.RANDOM, seed);
        int expectedStart = new SplittableRandom(seed).nextInt(10);        // the merge band holds 10 patches
        TcaDecision first = condense(random, x, att, new SplittableRandom(seed));
        TcaDecision again = condense(random, x, att, new SplittableRandom(seed));
        assertThat(first.coreset().centres()[0]).as("seed " + seed).isEqualTo(expectedStart);
        assertThat(again.coreset().centres()).as("seed " + seed).containsExactly(first.coreset().centres());
        assertThat(again.coreset().assign()).as("seed " + seed).containsExactly(first.coreset().assign());
        // the selection after the start is the deterministic greedy one
        int[] band = TcaCondenser.patchRows(first.cluster());
        assertThat(first.coreset().centres()).containsExactly(KCenterGreedy.select(x, band, 4, expectedStart));
        TcaDecision deterministic = condense(AT_BLOCK_1, x, att);
        assertThat(deterministic.coreset().centres()[0]).isZero();
    }

    @Test
    void randomKCenterStartWithoutAGeneratorIsRefused() {
        assertThatThrownBy(() -> new TcaCondenser(AT_BLOCK_1.withKCenterStart(KCenterStart.RANDOM, 1), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("generator");
    }

    /** Heads 0 and 1 attend patch p with (p+1)/1000, head 2 the same except patch 0 with 0.9; {@code <cls>} 0. */
    private static FloatMatrix consensusDisagreesWithMean() {
        FloatMatrix att = FloatMatrix.allocate(3, 17);
        for (int h = 0; h < 3; h++) {
            for (int p = 0; p < 16; p++) {
                att.set(h, 1 + p, (p + 1) / 1000f);
            }
        }
        att.set(2, 1, 0.9f);
        return att;
    }

    /** Seeded token rows {@code [n, w]}, distinct. */
    private static FloatMatrix tokens(int n, int w) {
        SplittableRandom random = new SplittableRandom(7);
        FloatMatrix x = FloatMatrix.allocate(n, w);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < w; c++) {
                x.set(i, c, (float) random.nextGaussian());
            }
        }
        return x;
    }

    private static TcaDecision condense(TcaConfig config, FloatMatrix x, FloatMatrix att) {
        return condense(config, x, att, null);
    }

    private static TcaDecision condense(TcaConfig config, FloatMatrix x, FloatMatrix att, SplittableRandom random) {
        TcaCondenser condenser = new TcaCondenser(config, null, random);
        assertThat(condenser.contextTokens(1, x)).isNull();
        assertThat(condenser.plan(1, x, att)).isNotNull();
        return condenser.decisions().getLast();
    }
}
