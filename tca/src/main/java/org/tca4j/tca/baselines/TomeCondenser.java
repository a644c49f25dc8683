package org.tca4j.tca.baselines;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tca4j.core.kernels.MatMul;
import org.tca4j.core.kernels.Reductions;
import org.tca4j.core.kernels.SparseRows;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.condense.CondensedBlock;
import org.tca4j.tca.condense.PlanBuilder;
import org.tca4j.tca.condense.RecordingCondenser;
import org.tca4j.tca.condense.RowKind;

/**
 * Token Merging (bipartite soft matching) as the TCA repository runs it: at each configured block with N rows,
 * {@code r = min(floor(N·rate), (N−1)/2)} tokens of set A (rows 0, 2, 4, …; {@code <cls>} = A0, never merged)
 * merge into their most similar token of set B (rows 1, 3, …), similarity being the cosine of the rows of the
 * head-mean attention matrix. Merges are size-weighted means; sizes carry over from block to block. Output rows:
 * {@code [unmerged A, ascending; every B]}.
 *
 * <p>Reference: Jo-wang/TCA 0f846d6, {@code clip/model.py} {@code ResidualAttentionBlock_ToME.forward},
 * {@code clip/utils.py} {@code bipartite_soft_matching} and {@code merge_wavg} (after Bolya et al., ICLR 2023).
 *
 * <p>Deviations from the reference:
 * <ul>
 *   <li>fp32 throughout; the merge is a plan applied by the tower's weighted row gather;</li>
 *   <li>the head mean of the attention probabilities is taken here, in head order, from the per-head
 *       probabilities the block's own attention call hands over ({@link #wantsAllAttention}), where the reference
 *       asks {@code nn.MultiheadAttention} for averaged weights; the attention's exp is the core kernel's, not
 *       torch's. The matching product {@code A·Bᵀ} is counted, as fvcore counts it;</li>
 *   <li>the cosines of the matching are one fp32 product of the normalised rows through the core's GEMM (fused
 *       multiply-adds in k order), as the reference's one matmul in the model's precision.</li>
 * </ul>
 * As in the repository (and unlike the original ToMe): merging only at the configured blocks, attention rows as
 * the metric, no proportional attention (sizes never enter the softmax). One instance serves one pass.
 */
public final class TomeCondenser extends RecordingCondenser {
    private final double rate;
    private final List<Integer> layers;
    private final int heads;
    private final AttentionProbe probe; // null: the pass's own attention
    private final List<Decision> decisions = new ArrayList<>();
    private float[] sizes;

    /**
     * One block's matching.
     *
     * @param block the plan and row kinds (a B row with merged sources is MERGED, group = its B index)
     * @param best per A index, the best cosine to B (−∞ for {@code <cls>})
     * @param unm unmerged A indices, ascending
     * @param src merged A indices, by descending {@code best}
     * @param dst the B partner of every {@code src}
     * @param sizeOut the size of every output row
     */
    public record Decision(CondensedBlock block, float[] best, int[] unm, int[] src, int[] dst, float[] sizeOut) {}

    /**
     * A condenser that merges by the attention of the pass it condenses.
     *
     * @param rate of {@code ToME-rate}: about this fraction of the rows is merged away at each block
     * @param heads the tower's attention heads
     */
    public TomeCondenser(double rate, List<Integer> layers, int heads) {
        this(rate, layers, heads, null);
    }

    /** A condenser whose head-mean attention matrices come from {@code probe} (e.g. a reference trace). */
    TomeCondenser(double rate, List<Integer> layers, AttentionProbe probe) {
        this(rate, layers, 1, probe);
    }

    private TomeCondenser(double rate, List<Integer> layers, int heads, AttentionProbe probe) {
        if (!(rate > 0 && rate < 1)) {
            throw new IllegalArgumentException("ToMe rate must be in (0, 1), got " + rate);
        }
        if (heads < 1) {
            throw new IllegalArgumentException("ToMe needs at least one attention head, got " + heads);
        }
        this.rate = rate;
        this.layers = List.copyOf(layers);
        this.heads = heads;
        this.probe = probe;
    }

    /** Every merge block needs all token rows' attention, not only the {@code <cls>} row's. */
    @Override
    public boolean wantsAllAttention(int layer) {
        return probe == null && layers.contains(layer);
    }

    @Override
    public SparseRows plan(int layer, FloatMatrix x, FloatMatrix allAttention) {
        if (!layers.contains(layer)) {
            return null;
        }
        int n = x.rows();
        FloatMatrix attention = probe != null ? probe.meanAttention(layer, n)
                : headMean(allAttention, heads, n);                           // [n, n]
        if (attention.rows() != n || attention.cols() != n) {
            throw new IllegalStateException("block " + layer + ": attention " + attention + " for " + n + " rows");
        }
        float[] sizeIn = sizes != null ? sizes : ones(n);
        if (sizeIn.length != n) {
            throw new IllegalStateException("block " + layer + " has " + n + " rows but " + sizeIn.length + " sizes");
        }
        int r = Math.min((int) Math.floor(n * rate), (n - 1) / 2);
        Matching m = match(attention, r);
        Decision d = merge(layer, n, m, sizeIn);
        decisions.add(d);
        sizes = d.sizeOut();
        return record(d.block());
    }

    /**
     * {@code (1/H) Σ_h P_h} over per-head probabilities {@code [H·n, n]} (row {@code h·n + i}), summed in head
     * order: the {@code average_attn_weights=True} output of {@code nn.MultiheadAttention}. The heads' blocks are
     * contiguous, so this is the column mean of the probabilities seen as {@code [H, n·n]}.
     */
    static FloatMatrix headMean(FloatMatrix perHead, int heads, int n) {
        if (perHead == null || perHead.rows() != heads * n || perHead.cols() != n) {
            throw new IllegalStateException("ToMe needs every row's attention [" + heads * n + ", " + n + "], got "
                    + perHead + " (a block with context rows, or a pass that ignored wantsAllAttention)");
        }
        float[] mean = Reductions.columnMeans(perHead.reshape(heads, n * n));    // [n·n]
        return FloatMatrix.wrap(mean, n, n);                                   // [n, n]
    }

    /** What every merge block of this pass decided. */
    public List<Decision> decisions() {
        return List.copyOf(decisions);
    }

    record Matching(float[] best, int[] unm, int[] src, int[] dst) {}

    /**
     * bipartite_soft_matching: best B partner per A row by cosine of attention rows; the r best A rows merge. The
     * cosines are one product of the normalised rows, {@code [nA, n]·[nB, n]ᵀ}, by the core's GEMM (which counts
     * its multiply-accumulates, the figure fvcore gives the reference's matmul).
     */
    static Matching match(FloatMatrix attention, int r) {
        int n = attention.rows();
        int nA = (n + 1) / 2, nB = n / 2;
        FloatMatrix setA = FloatMatrix.allocate(nA, n), setB = FloatMatrix.allocate(nB, n); // rows 0, 2, … | 1, 3, …
        for (int i = 0; i < n; i++) {
            (i % 2 == 0 ? setA : setB).rowView(i / 2).copyFrom(attention.rowView(i));
        }
        Reductions.l2NormalizeRowsInPlace(setA);                           // each row / its norm (never below 1e-12:
        Reductions.l2NormalizeRowsInPlace(setB);                           // an attention row sums to 1)
        FloatMatrix cosine = FloatMatrix.allocate(nA, nB);                  // [nA, nB]
        MatMul.matmulTransposed(setA, setB, cosine);
        float[] cosines = cosine.toArray();
        float[] best = new float[nA];
        int[] partner = new int[nA];
        best[0] = Float.NEGATIVE_INFINITY;                                  // <cls> never merges
        for (int a = 1; a < nA; a++) {
            best[a] = Float.NEGATIVE_INFINITY;
            for (int b = 0; b < nB; b++) {
                float s = cosines[a * nB + b];
                if (s > best[a]) {
                    best[a] = s;
                    partner[a] = b;
                }
            }
        }
        int[] edges = Reductions.argsortDescending(best);
        int[] src = Arrays.copyOf(edges, r);
        int[] unm = Arrays.copyOfRange(edges, r, nA);
        Arrays.sort(unm);
        int[] dst = new int[r];
        for (int i = 0; i < r; i++) {
            dst[i] = partner[src[i]];
        }
        return new Matching(best, unm, src, dst);
    }

    /** merge_wavg: each B row the size-weighted mean of itself and the A rows merged into it. */
    private static Decision merge(int layer, int n, Matching m, float[] sizeIn) {
        int nB = n / 2;
        var plan = new PlanBuilder(n);
        int rowsOut = m.unm().length + nB;
        RowKind[] kinds = new RowKind[rowsOut];
        int[] groups = new int[rowsOut];
        float[] sizeOut = new float[rowsOut];
        int row = 0;
        for (int a : m.unm()) {                                             // unmerged A, ascending, <cls> first
            plan.keep(2 * a);
            kinds[row] = a == 0 ? RowKind.CLS : RowKind.KEPT;
            groups[row] = -1;
            sizeOut[row++] = sizeIn[2 * a];
        }
        int[][] sources = sourcesOfB(nB, m);
        for (int b = 0; b < nB; b++) {                                      // every B, with its merged A rows
            int[] rows = sources[b];
            float total = 0f;
            for (int s : rows) {
                total += sizeIn[s];
            }
            float[] weights = new float[rows.length];
            for (int i = 0; i < rows.length; i++) {
                weights[i] = sizeIn[rows[i]] / total;
            }
            plan.row(rows, weights);
            kinds[row] = rows.length > 1 ? RowKind.MERGED : RowKind.KEPT;
            groups[row] = rows.length > 1 ? b : -1;
            sizeOut[row++] = total;
        }
        return new Decision(new CondensedBlock(layer, plan.build(), kinds, groups), m.best(), m.unm(), m.src(),
                m.dst(), sizeOut);
    }

    /**
     * Per B index b, the input rows of its output row: B's own row {@code 2b + 1}, then the rows {@code 2a} of the
     * A indices merged into it in the order of {@code src} (by descending similarity).
     */
    private static int[][] sourcesOfB(int nB, Matching m) {
        int[] count = new int[nB];
        Arrays.fill(count, 1);
        for (int b : m.dst()) {
            count[b]++;
        }
        int[][] sources = new int[nB][];
        for (int b = 0; b < nB; b++) {
            sources[b] = new int[count[b]];
            sources[b][0] = 2 * b + 1;
            count[b] = 1;
        }
        for (int i = 0; i < m.src().length; i++) {
            int b = m.dst()[i];
            sources[b][count[b]++] = 2 * m.src()[i];
        }
        return sources;
    }

    private static float[] ones(int n) {
        float[] s = new float[n];
        Arrays.fill(s, 1f);
        return s;
    }
}
