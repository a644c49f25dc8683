package org.tca4j.vit.model;

import java.lang.foreign.MemorySegment;
import java.util.function.Function;
import org.tca4j.core.kernels.Elementwise;
import org.tca4j.core.kernels.LayerNorm;
import org.tca4j.core.kernels.MatMul;
import org.tca4j.core.kernels.SparseRows;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.vit.condense.TokenCondenser;
import org.tca4j.vit.config.VisionConfig;
import org.tca4j.vit.weights.VisionWeights;

/**
 * OpenCLIP's image tower ({@code open_clip: src/open_clip/transformer.py, VisionTransformer}): patch embedding,
 * class token, positional embedding, {@code ln_pre}, the residual blocks, {@code ln_post} on the class token and
 * the projection. Immutable; every call allocates its own workspace, so one instance serves several threads.
 *
 * <p>Deviations from the reference: the {@code P×P/P} convolution is one matmul over patches flattened in
 * (c, ky, kx) order; {@code ln_post} normalizes the class token only (the other rows are never read); a
 * {@link TokenCondenser} may add context rows to each block's attention and replace the token rows between the
 * attention and the MLP; batches run image after image through one workspace.
 */
public final class VisionTransformer {
    private final VisionConfig config;
    private final VisionWeights w;
    private final ResidualAttentionBlock[] blocks;
    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(this::newWorkspace);

    /** A tower over checked weights (see {@link org.tca4j.vit.weights.WeightLoader}). */
    public VisionTransformer(VisionConfig config, VisionWeights weights) {
        this.config = config;
        this.w = weights;
        this.blocks = new ResidualAttentionBlock[config.layers()];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = new ResidualAttentionBlock(weights.resblocks().get(i), config.heads(), config.activation(),
                    config.layerNormEps());
        }
    }

    public VisionConfig config() {
        return config;
    }

    /** Embedding width E. */
    public int embedDim() {
        return w.proj().out();
    }

    /**
     * Encodes a batch of preprocessed images {@code [B, 3·S·S]} (each row one image, channel planes of row-major
     * pixels) into unnormalized features {@code [B, E]}.
     */
    public FloatMatrix encode(FloatMatrix images) {
        FloatMatrix features = FloatMatrix.allocate(images.rows(), embedDim());   // [B, E]
        return withWorkspace(ws -> {
            for (int b = 0; b < images.rows(); b++) {
                float[] f = encode(images.rowView(b), TokenCondenser.NONE, ForwardTrace.NONE, ws).features();
                features.rowView(b).copyFrom(FloatMatrix.row(f));
            }
            return features;
        });
    }

    /**
     * Encodes one image {@code [1, 3·S·S]}, letting {@code condenser} act in every block and {@code trace} watch.
     * With {@link TokenCondenser#NONE} the result is bit-identical to {@link #encode(FloatMatrix)}. To count the
     * work, wrap the call in {@link org.tca4j.core.flops.FlopCounter#measure}.
     */
    public ImageEncoding encode(FloatMatrix image, TokenCondenser condenser, ForwardTrace trace) {
        return withWorkspace(ws -> encode(image, condenser, trace, ws));
    }

    /**
     * Runs {@code pass} on this thread's workspace, reused pass after pass (a ViT-B/16 workspace holds ~8 MB that
     * would otherwise be allocated and zeroed for every image); a pass started inside another on the same thread
     * (a hook that encodes) gets a fresh one. Nothing a pass returns points into the workspace.
     */
    private <T> T withWorkspace(Function<Workspace, T> pass) {
        Workspace ws = workspaces.get();
        if (!ws.claim()) {
            return pass.apply(newWorkspace());
        }
        try {
            return pass.apply(ws);
        } finally {
            ws.release();
        }
    }

    private Workspace newWorkspace() {
        int p = config.patchSize();
        return new Workspace(config.tokens(), config.width(), config.mlpWidth(), config.heads(),
                config.grid() * config.grid(), 3 * p * p);
    }

    private ImageEncoding encode(FloatMatrix image, TokenCondenser condenser, ForwardTrace trace, Workspace ws) {
        int side = config.imageSize();
        if (image.size() != 3L * side * side) {
            throw new IllegalArgumentException("an image must hold 3×" + side + "×" + side + " values, got " + image);
        }
        FloatMatrix x = embed(image, ws);                                                // [G²+1, D]
        trace.afterEmbed(x);
        int[] tokens = new int[blocks.length];
        for (int layer = 0; layer < blocks.length; layer++) {
            ResidualAttentionBlock block = blocks[layer];
            FloatMatrix context = checkedContext(layer, condenser.contextTokens(layer, x)); // [c, D] or null
            // attention (+ residual 1)
            int probRows = condenser.wantsAllAttention(layer) ? x.rows() : condenser.wantsClsAttention(layer) ? 1 : 0;
            FloatMatrix attention = block.attention(layer, x, context, false, probRows, ws, trace); // [H·r, c + n]
            // condensation: the one place where rows change
            SparseRows plan = condenser.plan(layer, x, attention);
            if (plan != null) {
                x = ws.condense(layer, x, plan);                                         // [n', D]
            }
            // mlp (+ residual 2)
            block.mlp(x, ws);
            condenser.afterBlock(layer, x);
            trace.afterBlock(layer, x);
            tokens[layer] = x.rows();
        }
        return new ImageEncoding(pool(x, ws, trace), tokens);
    }

    /** Patch embedding, class token, positional embedding and ln_pre. */
    private FloatMatrix embed(FloatMatrix image, Workspace ws) {
        // patches flattened in (c, ky, kx) order, the layout of conv1's weight
        FloatMatrix patches = ws.patches();                                              // [G², 3·P·P]
        flattenPatches(image, patches);
        // conv1 as one matmul, into rows 1.. of the stream
        FloatMatrix x = ws.stream(config.tokens());                                      // [G²+1, D]
        MatMul.matmul(patches, w.conv1(), x.rows(1, x.rows()));                          // [G², D]
        // class token first
        x.rowView(0).copyFrom(w.classEmbedding());                                       // [1, D]
        // positional embedding
        Elementwise.addInPlace(x, w.positionalEmbedding());
        // ln_pre
        LayerNorm.layerNorm(x, w.lnPre().weight(), w.lnPre().bias(), config.layerNormEps(), x);
        return x;
    }

    /** Copies each P-pixel run of the image into its patch row: patch (gy, gx), column c·P² + ky·P + kx. */
    private void flattenPatches(FloatMatrix image, FloatMatrix patches) {
        int g = config.grid(), p = config.patchSize(), side = config.imageSize();
        MemorySegment src = image.segment();
        MemorySegment dst = patches.segment();
        long run = 4L * p;
        for (int gy = 0; gy < g; gy++) {
            for (int gx = 0; gx < g; gx++) {
                long row = (long) (gy * g + gx) * 3 * p * p;
                for (int c = 0; c < 3; c++) {
                    for (int ky = 0; ky < p; ky++) {
                        long from = (long) c * side * side + (long) (gy * p + ky) * side + (long) gx * p;
                        MemorySegment.copy(src, 4 * from, dst, 4 * (row + (long) (c * p + ky) * p), run);
                    }
                }
            }
        }
    }

    private FloatMatrix checkedContext(int layer, FloatMatrix context) {
        if (context != null && context.rows() > 0 && context.cols() != config.width()) {
            throw new IllegalArgumentException("block " + layer + ": context rows must be " + config.width()
                    + " wide, got " + context);
        }
        return context == null || context.rows() == 0 ? null : context;
    }

    /** ln_post on the class token, then the projection. */
    private float[] pool(FloatMatrix x, Workspace ws, ForwardTrace trace) {
        // ln_post on <cls>
        FloatMatrix pooled = ws.pooled();                                                // [1, D]
        LayerNorm.layerNorm(x.rowView(0), w.lnPost().weight(), w.lnPost().bias(), config.layerNormEps(), pooled);
        trace.afterPool(pooled);
        // proj
        float[] features = new float[embedDim()];
        MatMul.matmul(pooled, w.proj(), FloatMatrix.row(features));                     // [1, E]
        return features;
    }
}
