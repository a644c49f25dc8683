package org.tca4j.vit.model;

import org.tca4j.core.kernels.Attention;
import org.tca4j.core.kernels.Linear;
import org.tca4j.core.kernels.MatMul;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * Self-attention with a packed input projection, as {@code torch.nn.MultiheadAttention} in OpenCLIP's
 * {@code ResidualAttentionBlock} ({@code open_clip: src/open_clip/transformer.py}).
 *
 * <p>Deviations from the reference: the causal mask is a parameter instead of an additive mask tensor; the first
 * {@code contextRows} input rows act as keys and values only (TCA's reservoir rows) and produce no output; fp32
 * throughout.
 */
final class MultiHeadAttention {
    private final Linear inProj;
    private final Linear outProj;
    private final int heads;

    MultiHeadAttention(Linear inProj, Linear outProj, int heads) {
        this.inProj = inProj;
        this.outProj = outProj;
        this.heads = heads;
    }

    /**
     * {@code out = out_proj(attention(h))} for the token rows of {@code h} {@code [c + n, D]}; {@code out} is
     * {@code [n, D]}. When {@code probs} {@code [H·r, c + n]} is given it receives the first r token rows'
     * attention, head-major.
     */
    void forward(int layer, FloatMatrix h, int contextRows, boolean causal, Workspace ws, FloatMatrix out,
                 FloatMatrix probs, ForwardTrace trace) {
        int n = h.rows() - contextRows;
        // packed projection: q | k | v
        FloatMatrix qkv = ws.qkv(h.rows());                                   // [c + n, 3D]
        MatMul.matmul(h, inProj, qkv);
        trace.afterQkv(layer, qkv, contextRows);
        // softmax(q·kᵀ/√Dh)·v per head, heads side by side
        FloatMatrix attended = ws.attended(n);                                // [n, D]
        Attention.attention(qkv, contextRows, heads, causal, attended, probs);
        // out_proj
        MatMul.matmul(attended, outProj, out);                                // [n, D]
    }

    /**
     * {@code out = out_proj(attention(h))} for independent sequences stacked in {@code h} {@code [rows, D]}:
     * sequence i is rows {@code [bounds[i], bounds[i+1])} and attends to its own rows only. Every row is computed
     * with the same operations as when its sequence runs alone through {@link #forward}.
     */
    void forwardStacked(FloatMatrix h, int[] bounds, boolean causal, Workspace ws, FloatMatrix out) {
        // packed projection of every row at once: q | k | v
        FloatMatrix qkv = ws.qkv(h.rows());                                   // [rows, 3D]
        MatMul.matmul(h, inProj, qkv);
        // attention within each sequence
        FloatMatrix attended = ws.attended(h.rows());                         // [rows, D]
        for (int i = 0; i + 1 < bounds.length; i++) {
            Attention.attention(qkv.rows(bounds[i], bounds[i + 1]), 0, heads, causal,
                    attended.rows(bounds[i], bounds[i + 1]), null);
        }
        // out_proj
        MatMul.matmul(attended, outProj, out);                                // [rows, D]
    }
}
