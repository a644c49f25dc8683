package org.tca4j.tca.baselines;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tca4j.core.kernels.Reductions;
import org.tca4j.core.kernels.SparseRows;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.condense.CondensedBlock;
import org.tca4j.tca.condense.PatchScores;
import org.tca4j.tca.condense.PlanBuilder;
import org.tca4j.tca.condense.RecordingCondenser;
import org.tca4j.tca.condense.RowKind;

/**
 * EViT's inattentive token fusion as the TCA repository runs it: at each configured block keep the
 * {@code left = ceil((1 − r)(N − 1))} patches with the highest head-mean {@code <cls>} attention (by descending
 * score) and fuse the rest into one token {@code Σ s[p]·x[p+1]}; output rows {@code [<cls>; kept; fused]}.
 *
 * <p>Reference: Jo-wang/TCA 0f846d6, {@code clip/model.py}, {@code ResidualAttentionBlock_EViT.forward}
 * (Liang et al., ICLR 2022, with keep rate 1 − r at blocks 3, 6, 9).
 *
 * <p>Deviations from the reference: fp32 throughout; the condensation is a plan applied by the tower's weighted
 * row gather. One instance serves one pass.
 */
public final class EvitCondenser extends RecordingCondenser {
    private final double rate;
    private final List<Integer> layers;
    private final List<Decision> decisions = new ArrayList<>();

    /**
     * One block's choice.
     *
     * @param block the plan and row kinds
     * @param scores {@code [N−1]} head-mean {@code <cls>} attention per patch
     * @param keep kept patches by descending score
     * @param fuse fused patches, ascending
     */
    public record Decision(CondensedBlock block, float[] scores, int[] keep, int[] fuse) {}

    /** @param rate r of {@code EViT-r}: the fraction of patches fused at each block */
    public EvitCondenser(double rate, List<Integer> layers) {
        if (!(rate > 0 && rate < 1)) {
            throw new IllegalArgumentException("EViT rate must be in (0, 1), got " + rate);
        }
        this.rate = rate;
        this.layers = List.copyOf(layers);
    }

    @Override
    public boolean wantsClsAttention(int layer) {
        return layers.contains(layer);
    }

    @Override
    public SparseRows plan(int layer, FloatMatrix x, FloatMatrix clsAttention) {
        if (!layers.contains(layer)) {
            return null;
        }
        int n = x.rows();
        int left = (int) Math.ceil((1 - rate) * (n - 1));
        float[] score = PatchScores.meanOverHeads(clsAttention, n);               // [n-1]
        int[] ranked = Reductions.argsortDescending(score);
        int[] keep = Arrays.copyOf(ranked, left);
        int[] fuse = Arrays.copyOfRange(ranked, left, n - 1);
        Arrays.sort(fuse);
        var plan = new PlanBuilder(n).keep(0);
        for (int p : keep) {
            plan.keep(p + 1);
        }
        float[] fuseWeights = new float[fuse.length];
        int[] fuseRows = new int[fuse.length];
        for (int i = 0; i < fuse.length; i++) {
            fuseWeights[i] = score[fuse[i]];
            fuseRows[i] = fuse[i] + 1;
        }
        plan.row(fuseRows, fuseWeights);
        RowKind[] kinds = new RowKind[left + 2];
        Arrays.fill(kinds, RowKind.KEPT);
        kinds[0] = RowKind.CLS;
        kinds[left + 1] = RowKind.FUSED;
        int[] groups = new int[left + 2];
        Arrays.fill(groups, -1);
        CondensedBlock block = new CondensedBlock(layer, plan.build(), kinds, groups);
        decisions.add(new Decision(block, score, keep, fuse));
        return record(block);
    }

    /** What every condensation block of this pass decided. */
    public List<Decision> decisions() {
        return List.copyOf(decisions);
    }
}
