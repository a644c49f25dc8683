package org.tca4j.tca.condense;

import org.tca4j.core.kernels.Reductions;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * Patch scores from the {@code <cls>} query's attention probabilities {@code [H, c + n]}: c context columns
 * (TCA's anchor) first, then {@code <cls>}, then the n − 1 patches.
 *
 * <p>Reference: Jo-wang/TCA 0f846d6, {@code clip/model.py}, {@code ResidualAttentionBlock_Ours.forward} and
 * {@code ResidualAttentionBlock_EViT.forward}: {@code attn[:, :, 0, 1:].mean(dim=1)} after slicing the anchor row
 * and column away, without renormalising.
 *
 * <p>Deviations from the reference:
 * <ul>
 *   <li>one image instead of a batch {@code [B, H, N, N]}; any number c of context columns (the reference has at
 *       most one anchor);</li>
 *   <li>{@link #meanOverHeads} sums the fp32 probabilities in head order, then divides by H; the reference takes
 *       torch's {@code mean} of fp16 probabilities, so scores can differ in the last bits and near-ties can rank
 *       differently;</li>
 *   <li>{@link #byAverageHeadRank} is the consensus the reference computes ({@code torch.sort}, positions
 *       scattered, mean over heads divided by N − 1) but never ranks by; here equal attentions within a head take
 *       the lower patch index first, where {@code torch.sort} is not stable; the reference's dead extra terms
 *       ({@code 0.5·cls_attn_weights}, {@code 0.4·cache_attn_weights}, always {@code None}) are left out;</li>
 *   <li>missing or too narrow attention is an exception that says so, not a failed tensor index.</li>
 * </ul>
 */
public final class PatchScores {
    private PatchScores() {}

    /** {@code s[p] = (1/H) Σ_h P[h][c + 1 + p]}: the head-mean attention of {@code <cls>} to patch p, {@code [n−1]}. */
    public static float[] meanOverHeads(FloatMatrix clsAttention, int n) {
        int c = contextColumns(clsAttention, n);
        float[] s = new float[n - 1];
        for (int p = 0; p < n - 1; p++) {
            float sum = 0f;
            for (int h = 0; h < clsAttention.rows(); h++) {
                sum += clsAttention.get(h, c + 1 + p);
            }
            s[p] = sum / clsAttention.rows();
        }
        return s;
    }

    /**
     * The paper's cross-head rank consensus: per head, each patch's position in ascending attention order (0 =
     * least attended), averaged over heads; patches returned best first (ties: lower index first).
     */
    public static int[] byAverageHeadRank(FloatMatrix clsAttention, int n) {
        int c = contextColumns(clsAttention, n);
        float[] rankSum = new float[n - 1];
        for (int h = 0; h < clsAttention.rows(); h++) {
            float[] head = new float[n - 1];
            for (int p = 0; p < n - 1; p++) {
                head[p] = -clsAttention.get(h, c + 1 + p);
            }
            int[] ascending = Reductions.argsortDescending(head);      // least attended first
            for (int position = 0; position < ascending.length; position++) {
                rankSum[ascending[position]] += position;
            }
        }
        float[] average = new float[n - 1];
        for (int p = 0; p < n - 1; p++) {
            average[p] = rankSum[p] / clsAttention.rows() / (n - 1);
        }
        return Reductions.argsortDescending(average);
    }

    private static int contextColumns(FloatMatrix clsAttention, int n) {
        if (clsAttention == null) {
            throw new IllegalStateException("the tower did not hand over the <cls> attention the condenser asked for");
        }
        int c = clsAttention.cols() - n;
        if (c < 0) {
            throw new IllegalArgumentException("<cls> attention " + clsAttention + " has fewer columns than the "
                    + n + " rows");
        }
        return c;
    }
}
