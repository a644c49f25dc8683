package org.tca4j.convert;

import java.util.List;
import java.util.Locale;
import org.tca4j.vit.config.Activation;

/**
 * The OpenCLIP model names the converter knows ({@code --model NAME}), with their shapes from OpenCLIP's
 * {@code model_configs/*.json}: a checkpoint given with a name must have exactly these shapes.
 *
 * @param name OpenCLIP's model name
 * @param patchSize vision patch side
 * @param visionWidth vision width
 * @param visionLayers vision blocks
 * @param textWidth text width
 * @param textHeads text heads
 * @param textLayers text blocks
 * @param embedDim embedding width
 * @param activation GELU, or QuickGELU for the {@code -quickgelu} names
 */
public record ModelSpec(String name, int patchSize, int visionWidth, int visionLayers, int textWidth, int textHeads,
                        int textLayers, int embedDim, Activation activation) {
    /** OpenCLIP's vision head width for every ViT here. */
    public static final int VISION_HEAD_WIDTH = 64;
    public static final int IMAGE_SIZE = 224;
    public static final int CONTEXT_LENGTH = 77;
    public static final int VOCAB_SIZE = 49408;

    private static final List<ModelSpec> BASE = List.of(
            new ModelSpec("ViT-B-16", 16, 768, 12, 512, 8, 12, 512, Activation.GELU),
            new ModelSpec("ViT-B-32", 32, 768, 12, 512, 8, 12, 512, Activation.GELU),
            new ModelSpec("ViT-L-14", 14, 1024, 24, 768, 12, 12, 768, Activation.GELU));

    /** Vision heads: width over OpenCLIP's head width 64. */
    public int visionHeads() {
        return visionWidth / VISION_HEAD_WIDTH;
    }

    /**
     * The spec for {@code ViT-B-16}, {@code ViT-B-16-quickgelu}, {@code ViT-B-32[-quickgelu]} or
     * {@code ViT-L-14[-quickgelu]}.
     *
     * @throws IllegalArgumentException for any other name, listing the known ones
     */
    public static ModelSpec named(String name) {
        boolean quick = name.toLowerCase(Locale.ROOT).endsWith("-quickgelu");
        String base = quick ? name.substring(0, name.length() - "-quickgelu".length()) : name;
        for (ModelSpec s : BASE) {
            if (s.name.equals(base)) {
                return quick ? new ModelSpec(name, s.patchSize, s.visionWidth, s.visionLayers, s.textWidth, s.textHeads,
                        s.textLayers, s.embedDim, Activation.QUICK_GELU) : s;
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "' (known: ViT-B-16, ViT-B-32, ViT-L-14, each also"
                + " with -quickgelu)");
    }
}
