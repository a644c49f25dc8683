package org.tca4j.vit.config;

/**
 * The vision tower's shape, as OpenCLIP's {@code vision_cfg}.
 *
 * @param imageSize input side in pixels (224)
 * @param patchSize patch side in pixels (16 for ViT-B/16)
 * @param width residual width D (768)
 * @param layers number of residual attention blocks (12)
 * @param heads attention heads H (12)
 * @param mlpWidth MLP hidden width F (3072)
 * @param activation the MLP activation
 * @param layerNormEps epsilon of every layer norm (1e-5)
 */
public record VisionConfig(int imageSize, int patchSize, int width, int layers, int heads, int mlpWidth,
                           Activation activation, float layerNormEps) {
    public VisionConfig {
        Checks.positive("vision image size", imageSize);
        Checks.positive("vision patch size", patchSize);
        Checks.positive("vision width", width);
        Checks.positive("vision layers", layers);
        Checks.positive("vision heads", heads);
        Checks.positive("vision MLP width", mlpWidth);
        Checks.divides("vision", heads, width);
        if (imageSize % patchSize != 0) {
            throw new IllegalArgumentException("image size " + imageSize + " is not a multiple of patch " + patchSize);
        }
        Checks.eps(layerNormEps);
        java.util.Objects.requireNonNull(activation, "activation");
    }

    /** Patches per side, G. */
    public int grid() {
        return imageSize / patchSize;
    }

    /** Tokens entering the first block: the class token plus G² patches (197). */
    public int tokens() {
        return grid() * grid() + 1;
    }

    /** Head width, D / H. */
    public int headWidth() {
        return width / heads;
    }
}
