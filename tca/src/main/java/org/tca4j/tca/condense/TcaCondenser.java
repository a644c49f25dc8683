package org.tca4j.tca.condense;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.tca4j.core.kernels.Reductions;
import org.tca4j.core.kernels.SparseRows;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.config.KCenterStart;
import org.tca4j.tca.config.RankBy;
import org.tca4j.tca.config.TcaConfig;
import org.tca4j.tca.reservoir.AnchorCache;

/**
 * TCA's token condensation inside one forward pass: at each configured block, an optional domain anchor joins
 * the attention, then the patches are ranked by the {@code <cls>} attention and split into three tiers: the top
 * tier kept, the next {@code 2m} merged into k coreset centres, the lowest fused into one attention-weighted
 * token. Output rows: {@code [<cls>; kept by descending score; k merged; fused]}.
 *
 * <p>Reference: Jo-wang/TCA 0f846d6, {@code clip/model.py}, {@code ResidualAttentionBlock_Ours.forward}; the
 * research notes {@code tca-paper.md} sections 3, 5 and 7.
 *
 * <p>Deviations from the reference:
 * <ul>
 *   <li>fp32 throughout (the reference runs fp16 on a GPU);</li>
 *   <li>the k-center greedy starts at the band's first token unless {@link KCenterStart#RANDOM} is configured;</li>
 *   <li>the condensation is returned as a plan (which rows, which weights) that the tower applies as a weighted
 *       row gather; the merged and fused tokens are not computed here;</li>
 *   <li>{@link org.tca4j.tca.config.RankBy#AVERAGE_HEAD_RANK} is the paper's ranking, an option the code lacks.</li>
 * </ul>
 * Kept as in the reference: the anchor's attention column is dropped without renormalising the patch attentions;
 * the fused token is an unnormalised sum; a centre without members gives a zero row. One instance serves one pass.
 */
public final class TcaCondenser extends RecordingCondenser {
    private final TcaConfig config;
    private final AnchorCache anchors;
    private final RandomGenerator random;
    private final List<TcaDecision> decisions = new ArrayList<>();
    private final List<Integer> anchorClasses = new ArrayList<>();
    private int anchorClass = -1;
    private float[] anchorCos;

    /**
     * @param anchors the anchor cache after the previous image's update, or null while the gate is closed
     * @param random the generator of {@link KCenterStart#RANDOM} starts (may be null for {@link KCenterStart#FIRST})
     */
    public TcaCondenser(TcaConfig config, AnchorCache anchors, RandomGenerator random) {
        if (config.kCenterStart() == KCenterStart.RANDOM && random == null) {
            throw new IllegalArgumentException("a random k-center start needs a generator");
        }
        this.config = config;
        this.anchors = anchors;
        this.random = random;
    }

    @Override
    public boolean wantsClsAttention(int layer) {
        return config.condensesAt(layer);
    }

    /** The nearest class mean of the previous layer, as one extra key/value row, when the cache is open. */
    @Override
    public FloatMatrix contextTokens(int layer, FloatMatrix x) {
        anchorClass = -1;
        anchorCos = null;
        if (config.condensesAt(layer)) {
            anchorClasses.add(-1);
        }
        if (!config.condensesAt(layer) || anchors == null) {
            return null;
        }
        float[] cls = x.rowArray(0);
        anchorCos = anchors.cosines(layer - 1, cls);
        anchorClass = anchors.nearest(layer - 1, cls);
        anchorClasses.set(anchorClasses.size() - 1, anchorClass);
        return FloatMatrix.row(anchors.mean(anchorClass, layer - 1));  // [1, W]
    }

    @Override
    public SparseRows plan(int layer, FloatMatrix x, FloatMatrix clsAttention) {
        if (!config.condensesAt(layer)) {
            return null;
        }
        int n = x.rows();
        float[] score = PatchScores.meanOverHeads(clsAttention, n);             // [n-1]
        int[] ranked = config.rankBy() == RankBy.MEAN_ATTENTION
                ? Reductions.argsortDescending(score)
                : PatchScores.byAverageHeadRank(clsAttention, n);             // patch ids, best first
        Tiers tiers = Tiers.split(ranked, TierSizes.of(n, config.rate()));
        int start = config.kCenterStart() == KCenterStart.FIRST ? 0 : random.nextInt(tiers.cluster().length);
        var coreset = CoresetAveraging.average(x, patchRows(tiers.cluster()), config.centres(), start);
        CondensedBlock block = buildPlan(layer, n, tiers, coreset, score);
        float[][] tail = condensedTail(x, block, tiers.keep().length, config.centres());  // [k + 1][W]
        decisions.add(new TcaDecision(block, score, tiers.keep(), tiers.cluster(), tiers.fuse(), coreset,
                anchorClass, anchorCos, java.util.Arrays.copyOf(tail, config.centres()), tail[config.centres()]));
        return record(block);
    }

    /** What every condensation block of this pass decided, in block order. */
    public List<TcaDecision> decisions() {
        return List.copyOf(decisions);
    }

    /** The anchor class of every condensation block so far, in block order (−1 where none was used). */
    public int[] anchorClasses() {
        return anchorClasses.stream().mapToInt(Integer::intValue).toArray();
    }

    private CondensedBlock buildPlan(int layer, int n, Tiers tiers, CoresetAveraging.Coreset coreset,
                                     float[] score) {
        int[] cluster = tiers.cluster();
        int[] fuse = tiers.fuse();
        int rowsOut = 1 + tiers.keep().length + coreset.members().length + 1;
        var plan = new PlanBuilder(n).keep(0);
        RowKind[] kinds = new RowKind[rowsOut];
        int[] groups = new int[rowsOut];
        Arrays.fill(groups, -1);
        int row = 0;
        kinds[row++] = RowKind.CLS;
        for (int p : tiers.keep()) {                                     // kept, by descending score
            plan.keep(patchRow(p));
            kinds[row++] = RowKind.KEPT;
        }
        for (int slot = 0; slot < coreset.members().length; slot++) {   // merged, one row per centre
            int[] members = coreset.members()[slot];
            int[] rows = new int[members.length];
            for (int i = 0; i < members.length; i++) {
                rows[i] = patchRow(cluster[members[i]]);
            }
            plan.row(rows, coreset.weights()[slot]);
            groups[row] = slot;
            kinds[row++] = RowKind.MERGED;
        }
        float[] fuseWeights = new float[fuse.length];                     // fused: Σ s[p]·x[p+1]
        for (int i = 0; i < fuse.length; i++) {
            fuseWeights[i] = score[fuse[i]];
        }
        plan.row(patchRows(fuse), fuseWeights);
        kinds[row] = RowKind.FUSED;
        return new CondensedBlock(layer, plan.build(), kinds, groups);
    }

    /** The merged rows and then the fused row of the plan, evaluated: {@code [k + 1][W]}, for traces and tests. */
    private static float[][] condensedTail(FloatMatrix x, CondensedBlock block, int kept, int centres) {
        var plan = block.plan();
        float[][] rows = new float[centres + 1][x.cols()];
        float[] source = new float[x.cols()];
        for (int i = 0; i <= centres; i++) {
            int row = 1 + kept + i;
            for (int j = plan.rowStart()[row]; j < plan.rowStart()[row + 1]; j++) {
                MemorySegment.copy(x.segment(), FloatMatrix.FLOAT, x.offset(plan.src()[j], 0), source, 0, x.cols());
                float weight = plan.weight()[j];
                for (int c = 0; c < source.length; c++) {
                    rows[i][c] += weight * source[c];
                }
            }
        }
        return rows;
    }

    /** The row of patch p in the block's input: {@code <cls>} is row 0. */
    static int patchRow(int p) {
        return p + 1;
    }

    static int[] patchRows(int[] patches) {
        int[] rows = new int[patches.length];
        for (int i = 0; i < patches.length; i++) {
            rows[i] = patchRow(patches[i]);
        }
        return rows;
    }
}
