package org.tca4j.tca.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tca4j.tca.testing.Traces.dump;
import static org.tca4j.tca.testing.Traces.floats;
import static org.tca4j.tca.testing.Traces.ints;
import static org.tca4j.tca.testing.Traces.matrix;
import static org.tca4j.tca.testing.Traces.npy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tca4j.core.kernels.Gather;
import org.tca4j.core.kernels.SparseRows;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.testing.IndexSets;
import org.tca4j.tca.testing.Traces;

/** EViT and ToMe blocks against the official code's traces. */
public class BaselineTraceTest {
    private static final List<Integer> BLOCKS = List.of(3, 6, 9);

    @Test
    void evitBlocksOfTheDumpedImage() {
        var evit = new EvitCondenser(0.1, BLOCKS);
        for (int b : BLOCKS) {
            String tag = String.format("b%02d_", b);
            FloatMatrix xAttn = matrix(dump("evit_0.1", 0, tag + "x_attn"));
            SparseRows plan = evit.plan(b, xAttn, clsAttention("evit_0.1", 0, b));
            FloatMatrix out = FloatMatrix.allocate(plan.outRows(), xAttn.cols());
            Gather.weightedRows(xAttn, plan, out);
            assertThat(Traces.nmse(out.toArray(), dump("evit_0.1", 0, tag + "x_pre_mlp").floats()))
                    .as("block %d condensed rows", b).isLessThan(1e-10);
        }
    }

    /** Keep and fuse of every image and block, from the traced {@code <cls>} attention rows. */
    @Test
    void evitTiersOfEveryImage() {
        for (int pos = 0; pos < Traces.IMAGES; pos++) {
            var evit = new EvitCondenser(0.1, BLOCKS);
            for (int b : BLOCKS) {
                FloatMatrix attn = clsAttention("evit_0.1", pos, b);
                evit.plan(b, FloatMatrix.allocate(attn.cols(), 1), attn);    // EViT's plan reads only the row count
                var d = evit.decisions().getLast();
                float[] scores = floats(npy("evit_0.1", "b" + b + "_scores"), pos);
                String what = "image " + pos + " block " + b;
                assertThat(d.scores()).as(what + " scores").containsExactly(scores, within(1e-9f));
                IndexSets.assertSameSelection(what + " keep", d.keep(), ints(npy("evit_0.1", "b" + b + "_keep"), pos),
                        scores, 0);
                assertThat(d.fuse()).as(what + " fuse").containsExactly(ints(npy("evit_0.1", "b" + b + "_fuse"), pos));
            }
        }
    }

    @Test
    void tomeBlocksOfTheDumpedImageWithSizesCarriedOver() {
        var tome = new TomeCondenser(0.1, BLOCKS, (layer, n) -> matrix(dump("tome_0.1", 0, String.format("b%02d_attn_mean", layer))));
        for (int b : BLOCKS) {
            String tag = String.format("b%02d_", b);
            FloatMatrix xAttn = matrix(dump("tome_0.1", 0, tag + "x_attn"));
            SparseRows plan = tome.plan(b, xAttn, null);
            var d = tome.decisions().getLast();
            String what = "block " + b;
            float[] best = floats(npy("tome_0.1", "b" + b + "_tome_best"), 0);
            assertThat(d.best()[0]).isEqualTo(Float.NEGATIVE_INFINITY);
            for (int a = 1; a < best.length; a++) {
                assertThat(d.best()[a]).as(what + " best of A" + a).isCloseTo(best[a], within(2e-6f));
            }
            assertSamePairs(what, d, ints(npy("tome_0.1", "b" + b + "_tome_src"), 0),
                    ints(npy("tome_0.1", "b" + b + "_tome_dst"), 0), best);
            assertThat(d.unm()).as(what + " unmerged").containsExactly(ints(npy("tome_0.1", "b" + b + "_tome_unm"), 0));
            assertThat(d.sizeOut()).as(what + " sizes")
                    .containsExactly(floats(npy("tome_0.1", "b" + b + "_tome_size_out"), 0), within(0f));
            FloatMatrix out = FloatMatrix.allocate(plan.outRows(), xAttn.cols());
            Gather.weightedRows(xAttn, plan, out);
            assertThat(Traces.nmse(out.toArray(), dump("tome_0.1", 0, tag + "x_pre_mlp").floats()))
                    .as(what + " merged rows").isLessThan(1e-10);
        }
    }

    /** ToMe pairs compared as a set; a different set passes only if the swapped A tokens tie on {@code best}. */
    public static void assertSamePairs(String what, TomeCondenser.Decision d, int[] src, int[] dst, float[] best) {
        Set<List<Integer>> ours = new HashSet<>(), theirs = new HashSet<>();
        for (int i = 0; i < src.length; i++) {
            theirs.add(List.of(src[i], dst[i]));
            ours.add(List.of(d.src()[i], d.dst()[i]));
        }
        if (!ours.equals(theirs)) {
            IndexSets.assertSameSelection(what + " merged A tokens", d.src(), src, best, 2e-6);
        }
    }

    /** The traced {@code <cls>} attention {@code [H, N]} of an image at a block (no context rows). */
    static FloatMatrix clsAttention(String setting, int pos, int block) {
        var row = npy(setting, "b" + block + "_cls_attn_row");
        return FloatMatrix.wrap(floats(row, pos), row.shape()[1], row.shape()[2]);
    }
}
