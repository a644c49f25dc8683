package org.tca4j.vit.model;

import org.tca4j.core.kernels.Activations;
import org.tca4j.core.kernels.Elementwise;
import org.tca4j.core.kernels.LayerNorm;
import org.tca4j.core.kernels.MatMul;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.vit.config.Activation;
import org.tca4j.vit.weights.BlockWeights;
import org.tca4j.vit.weights.LayerNormWeights;

/**
 * A pre-LN transformer block, {@code x += attn(ln_1(x)); x += mlp(ln_2(x))}, as OpenCLIP's
 * {@code ResidualAttentionBlock} ({@code open_clip: src/open_clip/transformer.py}). The two halves are separate
 * methods so the image tower can condense the rows between them.
 *
 * <p>Deviations from the reference: context rows (a condenser's extra keys and values) go through {@code ln_1} and
 * the projection with the tokens but are not carried in the residual stream; no layer scale, no dropout (eval only);
 * fp32 throughout.
 */
final class ResidualAttentionBlock {
    private final BlockWeights w;
    private final MultiHeadAttention attn;
    private final Activation activation;
    private final float eps;

    ResidualAttentionBlock(BlockWeights w, int heads, Activation activation, float eps) {
        this.w = w;
        this.attn = new MultiHeadAttention(w.inProj(), w.outProj(), heads);
        this.activation = activation;
        this.eps = eps;
    }

    /**
     * {@code x += attn(ln_1([context; x]))} in place on {@code x} {@code [n, D]}. Returns the attention
     * probabilities of the first {@code probRows} token rows, {@code [H·probRows, c + n]} head-major (a workspace
     * view), or {@code null} when {@code probRows} is 0.
     */
    FloatMatrix attention(int layer, FloatMatrix x, FloatMatrix context, boolean causal, int probRows,
                          Workspace ws, ForwardTrace trace) {
        int c = context == null ? 0 : context.rows();
        int n = x.rows();
        ws.ensureContext(c);
        // ln_1 over the context rows, then the tokens
        FloatMatrix h = ws.normalized(c + n);                                 // [c + n, D]
        if (c > 0) {
            layerNorm(context, w.ln1(), h.rows(0, c));
        }
        layerNorm(x, w.ln1(), h.rows(c, c + n));
        // attention
        FloatMatrix probs = probRows > 0 ? ws.attentionProbs(probRows, c + n) : null; // [H·r, c + n]
        FloatMatrix out = ws.projected(n);                                    // [n, D]
        attn.forward(layer, h, c, causal, ws, out, probs, trace);
        // residual 1
        Elementwise.addInPlace(x, out);
        return probs;
    }

    /**
     * {@code x += attn(ln_1(x))} in place on independent sequences stacked in {@code x} (sequence i is rows
     * {@code [bounds[i], bounds[i+1])}), each attending to its own rows only; no context rows, no taps.
     */
    void attentionStacked(FloatMatrix x, int[] bounds, boolean causal, Workspace ws) {
        int n = x.rows();
        // ln_1
        FloatMatrix h = ws.normalized(n);                                     // [n, D]
        layerNorm(x, w.ln1(), h);
        // attention per sequence
        FloatMatrix out = ws.projected(n);                                    // [n, D]
        attn.forwardStacked(h, bounds, causal, ws, out);
        // residual 1
        Elementwise.addInPlace(x, out);
    }

    /** {@code x += c_proj(act(c_fc(ln_2(x))))} in place on {@code x} {@code [n, D]}. */
    void mlp(FloatMatrix x, Workspace ws) {
        int n = x.rows();
        // ln_2
        FloatMatrix h = ws.normalized(n);                                     // [n, D]
        layerNorm(x, w.ln2(), h);
        // c_fc and the activation
        FloatMatrix hidden = ws.hidden(n);                                    // [n, F]
        MatMul.matmul(h, w.cFc(), hidden);
        if (activation == Activation.QUICK_GELU) {
            Activations.quickGelu(hidden);
        } else {
            Activations.gelu(hidden);
        }
        // c_proj
        FloatMatrix out = ws.projected(n);                                    // [n, D]
        MatMul.matmul(hidden, w.cProj(), out);
        // residual 2
        Elementwise.addInPlace(x, out);
    }

    private void layerNorm(FloatMatrix x, LayerNormWeights ln, FloatMatrix out) {
        LayerNorm.layerNorm(x, ln.weight(), ln.bias(), eps, out);
    }
}
