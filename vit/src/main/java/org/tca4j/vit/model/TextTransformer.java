package org.tca4j.vit.model;

import org.tca4j.core.kernels.Elementwise;
import org.tca4j.core.kernels.LayerNorm;
import org.tca4j.core.kernels.MatMul;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.vit.config.TextConfig;
import org.tca4j.vit.weights.TextWeights;

/**
 * OpenCLIP's text tower ({@code open_clip: src/open_clip/model.py, CLIP.encode_text}): token embedding plus
 * positional embedding, causal residual blocks, {@code ln_final}, the row at {@code argmax(ids)} (the first
 * end-of-text token) and the projection. Immutable; every call allocates its own workspace.
 *
 * <p>Deviations from the reference: the blocks run on rows {@code 0..argmax(ids)} only, because with a causal mask
 * no later row can reach the pooled one (same result, less work for short prompts); {@code ln_final} normalizes
 * the pooled row only; {@link #encode(int[][])} stacks several texts' rows into one pass of about
 * {@link #STACK_ROWS} rows (each text attends to its own rows only), because the matmuls of one short prompt are
 * bound by reading the weights (e.g. 2.3 vs 1.05 ms per row for the matmuls of ViT-B/16's text tower at 10 vs 200
 * rows, one thread). The results are the same bits as one text at a time.
 */
public final class TextTransformer {
    /** Rows per stacked pass of {@link #encode(int[][])} (a text longer than this runs alone). */
    static final int STACK_ROWS = 256;

    private final TextConfig config;
    private final TextWeights w;
    private final ResidualAttentionBlock[] blocks;

    /** A tower over checked weights (see {@link org.tca4j.vit.weights.WeightLoader}). */
    public TextTransformer(TextConfig config, TextWeights weights) {
        this.config = config;
        this.w = weights;
        this.blocks = new ResidualAttentionBlock[config.layers()];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = new ResidualAttentionBlock(weights.resblocks().get(i), config.heads(), config.activation(),
                    config.layerNormEps());
        }
    }

    public TextConfig config() {
        return config;
    }

    /** Embedding width E. */
    public int embedDim() {
        return w.textProjection().out();
    }

    /**
     * Encodes tokenized texts, each {@code L} ids, into unnormalized features {@code [T, E]}: consecutive texts are
     * stacked into passes of at most {@link #STACK_ROWS} rows; every row equals {@link #encode(int[], ForwardTrace)}
     * of its text, bit for bit.
     */
    public FloatMatrix encode(int[][] tokens) {
        int[] rows = new int[tokens.length];
        for (int t = 0; t < tokens.length; t++) {
            checkIds(tokens[t]);
            rows[t] = firstArgmax(tokens[t]) + 1;
        }
        FloatMatrix features = FloatMatrix.allocate(tokens.length, embedDim());        // [T, E]
        Workspace ws = new Workspace(Math.max(STACK_ROWS, config.contextLength()), config.width(),
                config.mlpWidth(), config.heads());
        for (int from = 0, to; from < tokens.length; from = to) {
            int total = rows[from];
            for (to = from + 1; to < tokens.length && total + rows[to] <= STACK_ROWS; to++) {
                total += rows[to];
            }
            encodeStacked(tokens, rows, from, to, ws, features.rows(from, to));
        }
        return features;
    }

    /** Texts {@code [from, to)} in one pass over their stacked rows, into {@code features} {@code [to - from, E]}. */
    private void encodeStacked(int[][] tokens, int[] rows, int from, int to, Workspace ws, FloatMatrix features) {
        int[] bounds = new int[to - from + 1];
        for (int t = from; t < to; t++) {
            bounds[t - from + 1] = bounds[t - from] + rows[t];
        }
        // token embedding + positional embedding, rows 0..eot of each text
        FloatMatrix x = ws.stream(bounds[to - from]);                                   // [Σ(eot+1), Dt]
        for (int t = from; t < to; t++) {
            embed(tokens[t], rows[t], x.rows(bounds[t - from], bounds[t - from + 1]));
        }
        // causal blocks, each text attending to its own rows
        for (ResidualAttentionBlock block : blocks) {
            block.attentionStacked(x, bounds, true, ws);
            block.mlp(x, ws);
        }
        // ln_final on each end-of-text row
        FloatMatrix pooled = FloatMatrix.allocate(to - from, config.width());          // [k, Dt]
        for (int t = 0; t < to - from; t++) {
            LayerNorm.layerNorm(x.rowView(bounds[t + 1] - 1), w.lnFinal().weight(), w.lnFinal().bias(),
                    config.layerNormEps(), pooled.rowView(t));
        }
        // text_projection
        MatMul.matmul(pooled, w.textProjection(), features);                           // [k, E]
    }

    /** Token embedding plus positional embedding of the first {@code n} ids into {@code x} {@code [n, Dt]}. */
    private void embed(int[] ids, int n, FloatMatrix x) {
        for (int i = 0; i < n; i++) {
            x.rowView(i).copyFrom(w.tokenEmbedding().rowView(ids[i]));
        }
        Elementwise.addInPlace(x, w.positionalEmbedding().rows(0, n));
    }

    /** Encodes one tokenized text ({@code L} ids) into its unnormalized features {@code [E]}, with taps. */
    public float[] encode(int[] ids, ForwardTrace trace) {
        return encode(ids, trace, newWorkspace());
    }

    private Workspace newWorkspace() {
        return new Workspace(config.contextLength(), config.width(), config.mlpWidth(), config.heads());
    }

    private float[] encode(int[] ids, ForwardTrace trace, Workspace ws) {
        checkIds(ids);
        int eot = firstArgmax(ids);
        // token embedding + positional embedding, rows 0..eot
        FloatMatrix x = ws.stream(eot + 1);                                             // [eot+1, Dt]
        embed(ids, eot + 1, x);
        trace.afterEmbed(x);
        // causal blocks
        for (int layer = 0; layer < blocks.length; layer++) {
            blocks[layer].attention(layer, x, null, true, 0, ws, trace);
            blocks[layer].mlp(x, ws);
            trace.afterBlock(layer, x);
        }
        // ln_final on the end-of-text row
        FloatMatrix pooled = ws.pooled();                                               // [1, Dt]
        LayerNorm.layerNorm(x.rowView(eot), w.lnFinal().weight(), w.lnFinal().bias(), config.layerNormEps(), pooled);
        trace.afterPool(pooled);
        // text_projection
        float[] features = new float[embedDim()];
        MatMul.matmul(pooled, w.textProjection(), FloatMatrix.row(features));          // [1, E]
        return features;
    }

    private void checkIds(int[] ids) {
        if (ids.length != config.contextLength()) {
            throw new IllegalArgumentException("a tokenized text must hold " + config.contextLength()
                    + " ids, got " + ids.length);
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= config.vocabSize()) {
                throw new IllegalArgumentException("token id " + ids[i] + " at position " + i
                        + " is outside the vocabulary [0, " + config.vocabSize() + ")");
            }
        }
    }

    /** The position of the largest id, the first one on ties: OpenCLIP's {@code text.argmax(dim=-1)}. */
    static int firstArgmax(int[] ids) {
        int best = 0;
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] > ids[best]) {
                best = i;
            }
        }
        return best;
    }
}
