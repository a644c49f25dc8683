package org.tca4j.tca.condense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tca4j.tca.testing.Traces.dump;
import static org.tca4j.tca.testing.Traces.floats;
import static org.tca4j.tca.testing.Traces.ints;
import static org.tca4j.tca.testing.Traces.matrix;
import static org.tca4j.tca.testing.Traces.npy;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tca4j.core.kernels.Gather;
import org.tca4j.core.kernels.SparseRows;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.core.testing.TestData;
import org.tca4j.tca.config.TcaConfig;
import org.tca4j.tca.reservoir.AnchorCache;
import org.tca4j.tca.testing.IndexSets;
import org.tca4j.tca.testing.Traces;

/**
 * One TCA block in isolation against the official code's dumps: the attention residual and the {@code <cls>}
 * attention row go in, the plan comes out and is applied; scores, tiers, centres, assignment, anchor and the
 * condensed matrix must be the traced ones.
 */
class TcaCondenserTraceTest {
    static Stream<Arguments> dumpedBlocks() {
        return Stream.of(Arguments.of("tca_r0.035", 0.035, new int[] {0, 1, 38, 39}),
                        Arguments.of("tca_r0.105", 0.105, new int[] {0, 1, 41, 42}))
                .flatMap(a -> Arrays.stream((int[]) a.get()[2]).boxed().flatMap(pos -> Stream.of(3, 6, 9)
                        .map(b -> Arguments.of(a.get()[0], a.get()[1], pos, b))));
    }

    @ParameterizedTest(name = "{0} image {2} block {3}")
    @MethodSource("dumpedBlocks")
    void blockMatchesTheDump(String setting, double rate, int pos, int block) {
        String tag = String.format("b%02d_", block);
        FloatMatrix xIn = matrix(dump(setting, pos, tag + "x_in"));
        FloatMatrix xAttn = matrix(dump(setting, pos, tag + "x_attn"));
        FloatMatrix expected = matrix(dump(setting, pos, tag + "x_pre_mlp"));
        int anchorClass = ints(npy(setting, "b" + block + "_anchor_class"), pos)[0];
        var condenser = new TcaCondenser(TcaConfig.defaults().withRate(rate), anchorCache(setting, pos), null);

        // the anchor: nearest class mean of layer b-1 to the entering <cls>
        FloatMatrix context = condenser.contextTokens(block, xIn);
        SparseRows plan = condenser.plan(block, xAttn, clsAttention(setting, pos, block, anchorClass >= 0));
        TcaDecision d = condenser.decisions().getFirst();
        assertThat(d.anchorClass()).as("anchor class").isEqualTo(anchorClass);
        if (anchorClass >= 0) {
            assertThat(context.toArray()).as("anchor row = class mean at layer b-1")
                    .containsExactly(matrix(dump(setting, pos, "anchor_cache_in"), anchorClass).rowArray(block - 1));
        } else {
            assertThat(context).as("no anchor before the gate opens").isNull();
        }

        // the ranking score and the tiers
        float[] scores = floats(npy(setting, "b" + block + "_scores"), pos);
        assertThat(d.scores()).as("scores").containsExactly(scores, org.assertj.core.data.Offset.offset(1e-9f));
        IndexSets.assertSameSelection("keep", d.keep(), ints(npy(setting, "b" + block + "_keep"), pos), scores, 0);
        int[] cluster = ints(npy(setting, "b" + block + "_cluster"), pos);
        assertThat(d.cluster()).as("merge band in rank order").containsExactly(cluster);
        assertThat(d.fuse()).as("fuse, ascending").containsExactly(ints(npy(setting, "b" + block + "_fuse"), pos));
        // the coreset: centres in selection order and the assignment of every band token
        assertThat(d.coreset().centres()).as("centres").containsExactly(ints(npy(setting, "b" + block + "_centres"), pos));
        assertThat(d.coreset().assign()).as("assignment").containsExactly(ints(npy(setting, "b" + block + "_assign"), pos));
        // the condensed matrix, applied as a weighted row gather
        FloatMatrix out = FloatMatrix.allocate(plan.outRows(), xAttn.cols());
        Gather.weightedRows(xAttn, plan, out);
        assertThat(out.rows()).isEqualTo(expected.rows());
        assertThat(Traces.nmse(out.toArray(), expected.toArray())).as("NMSE of the condensed rows").isLessThan(1e-5);
        float[] merged = floats(npy(setting, "b" + block + "_merged"), pos);
        float[] ours = out.rows(1 + d.keep().length, 5 + d.keep().length).toArray();
        assertThat(Traces.nmse(ours, merged)).as("NMSE of the merged tokens").isLessThan(1e-10);
    }

    /** Scores and tiers of every image and block, from the traced {@code <cls>} attention rows and anchor masses. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({"tca_r0.035, 0.035", "tca_r0.105, 0.105"})
    void tiersOfEveryImage(String setting, double rate) {
        for (int pos = 0; pos < Traces.IMAGES; pos++) {
            for (int b : new int[] {3, 6, 9}) {
                String what = setting + " image " + pos + " block " + b;
                boolean anchor = ints(npy(setting, "b" + b + "_anchor_class"), pos)[0] >= 0;
                FloatMatrix attn = clsAttention(setting, pos, b, anchor);
                int n = attn.cols() - (anchor ? 1 : 0);
                float[] scores = PatchScores.meanOverHeads(attn, n);
                float[] traced = floats(npy(setting, "b" + b + "_scores"), pos);
                assertThat(scores).as(what + " scores").containsExactly(traced, org.assertj.core.data.Offset.offset(1e-9f));
                Tiers t = Tiers.split(org.tca4j.core.kernels.Reductions.argsortDescending(scores), TierSizes.of(n, rate));
                IndexSets.assertSameSelection(what + " keep", t.keep(), ints(npy(setting, "b" + b + "_keep"), pos), traced, 0);
                IndexSets.assertSameSelection(what + " band", t.cluster(), ints(npy(setting, "b" + b + "_cluster"), pos),
                        traced, 0);
                assertThat(t.cluster()[0]).as(what + " band start").isEqualTo(ints(npy(setting, "b" + b + "_cluster"), pos)[0]);
                assertThat(t.fuse()).as(what + " fuse").containsExactly(ints(npy(setting, "b" + b + "_fuse"), pos));
            }
        }
    }

    /** {@code [H, c + N]}: the anchor's column (its softmax mass) first when an anchor was used. */
    static FloatMatrix clsAttention(String setting, int pos, int block, boolean anchor) {
        var row = npy(setting, "b" + block + "_cls_attn_row");
        int heads = row.shape()[1], n = row.shape()[2];
        float[] attn = floats(row, pos);
        float[] mass = floats(npy(setting, "b" + block + "_anchor_mass"), pos);
        int c = anchor ? 1 : 0;
        FloatMatrix p = FloatMatrix.allocate(heads, c + n);
        for (int h = 0; h < heads; h++) {
            if (anchor) {
                p.set(h, 0, mass[h]);
            }
            for (int j = 0; j < n; j++) {
                p.set(h, c + j, attn[h * n + j]);
            }
        }
        return p;
    }

    /** The dumped anchor cache {@code [C, L, W]} entering image {@code pos}, or null when it has none. */
    static AnchorCache anchorCache(String setting, int pos) {
        var path = TestData.root().resolve(String.format("tca/settings/%s/dumps/pos%03d/anchor_cache_in.npy", setting, pos));
        if (!Files.exists(path)) {
            return null;
        }
        var cache = dump(setting, pos, "anchor_cache_in");
        FloatMatrix[] means = new FloatMatrix[cache.shape()[0]];
        for (int c = 0; c < means.length; c++) {
            means[c] = matrix(cache, c);
        }
        return new AnchorCache(means);
    }
}
