package org.tca4j.vit.model;

import org.tca4j.core.kernels.Elementwise;
import org.tca4j.core.kernels.MatMul;
import org.tca4j.core.kernels.Reductions;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.vit.config.ClipConfig;
import org.tca4j.vit.weights.ClipWeights;
import org.tca4j.vit.weights.TensorSource;
import org.tca4j.vit.weights.WeightLoader;

/**
 * A CLIP model: the two towers, feature normalization and the scaled cosine logits
 * ({@code open_clip: src/open_clip/model.py, CLIP}). Immutable and safe to use from several threads at once.
 */
public final class Clip {
    private final ClipConfig config;
    private final VisionTransformer visual;
    private final TextTransformer text;
    private final float logitScale;

    /** A model over checked weights. */
    public Clip(ClipWeights weights) {
        this.config = weights.config();
        this.visual = new VisionTransformer(config.vision(), weights.visual());
        this.text = new TextTransformer(config.text(), weights.text());
        this.logitScale = weights.logitScale();
    }

    /** Loads and checks every tensor of {@code source} (see {@link WeightLoader}). */
    public static Clip load(TensorSource source) {
        return new Clip(WeightLoader.load(source));
    }

    public ClipConfig config() {
        return config;
    }

    /** The image tower, for passes with a condenser or taps. */
    public VisionTransformer visual() {
        return visual;
    }

    /** The text tower. */
    public TextTransformer text() {
        return text;
    }

    /** Unnormalized image features {@code [B, E]} of preprocessed images {@code [B, 3·S·S]}. */
    public FloatMatrix encodeImages(FloatMatrix images) {
        return visual.encode(images);
    }

    /** Unnormalized text features {@code [T, E]} of tokenized texts ({@code L} ids each). */
    public FloatMatrix encodeTexts(int[][] tokens) {
        return text.encode(tokens);
    }

    /** {@code exp(logit_scale)}, the factor between cosine similarities and logits. */
    public float logitScaleExp() {
        return (float) Math.exp(logitScale);
    }

    /** A copy of {@code features} with every row divided by its L2 norm (torch's {@code F.normalize}). */
    public static FloatMatrix normalizeRows(FloatMatrix features) {
        FloatMatrix out = FloatMatrix.allocate(features.rows(), features.cols());
        for (int r = 0; r < features.rows(); r++) {
            float[] row = features.rowArray(r);
            Reductions.l2NormalizeInPlace(row);
            out.rowView(r).copyFrom(FloatMatrix.row(row));
        }
        return out;
    }

    /**
     * {@code exp(logit_scale) · norm(image)·norm(text)ᵀ}: logits {@code [B, T]} from unnormalized features
     * {@code [B, E]} and {@code [T, E]}.
     */
    public FloatMatrix logits(FloatMatrix imageFeatures, FloatMatrix textFeatures) {
        FloatMatrix logits = FloatMatrix.allocate(imageFeatures.rows(), textFeatures.rows());   // [B, T]
        MatMul.matmulTransposed(normalizeRows(imageFeatures), normalizeRows(textFeatures), logits);
        Elementwise.scaleInPlace(logits, logitScaleExp());
        return logits;
    }
}
