package org.tca4j.vit.weights;

import java.util.List;
import java.util.Locale;
import org.tca4j.vit.config.Activation;
import org.tca4j.vit.config.ClipConfig;
import org.tca4j.vit.config.PreprocessConfig;
import org.tca4j.vit.config.TextConfig;
import org.tca4j.vit.config.VisionConfig;

/**
 * The shapes of OpenCLIP's standard ViT models, as its {@code model_configs/*.json} give them: {@code ViT-B-16},
 * {@code ViT-B-32} and {@code ViT-L-14}, each also with the suffix {@code -quickgelu} (OpenAI's activation).
 */
public final class OpenClipConfigs {
    /** OpenCLIP's layer-norm epsilon (torch's default). */
    public static final float LAYER_NORM_EPS = 1e-5f;

    private OpenClipConfigs() {}

    /** The names {@link #byName} accepts. */
    public static List<String> names() {
        return List.of("ViT-B-16", "ViT-B-32", "ViT-L-14", "ViT-B-16-quickgelu", "ViT-B-32-quickgelu",
                "ViT-L-14-quickgelu");
    }

    /** The configuration of a standard model, e.g. {@code ViT-B-16}; the name is matched ignoring case. */
    public static ClipConfig byName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        boolean quick = lower.endsWith("-quickgelu");
        String base = quick ? lower.substring(0, lower.length() - "-quickgelu".length()) : lower;
        Activation act = quick ? Activation.QUICK_GELU : Activation.GELU;
        return switch (base) {
            case "vit-b-16" -> vitB(16, act);
            case "vit-b-32" -> vitB(32, act);
            case "vit-l-14" -> new ClipConfig(
                    new VisionConfig(224, 14, 1024, 24, 16, 4096, act, LAYER_NORM_EPS),
                    new TextConfig(77, 49408, 768, 12, 12, 3072, act, LAYER_NORM_EPS),
                    768, PreprocessConfig.openai(224));
            default -> throw new IllegalArgumentException("unknown model '" + name + "'; known: " + names());
        };
    }

    private static ClipConfig vitB(int patch, Activation act) {
        return new ClipConfig(
                new VisionConfig(224, patch, 768, 12, 12, 3072, act, LAYER_NORM_EPS),
                new TextConfig(77, 49408, 512, 8, 12, 2048, act, LAYER_NORM_EPS),
                512, PreprocessConfig.openai(224));
    }
}
