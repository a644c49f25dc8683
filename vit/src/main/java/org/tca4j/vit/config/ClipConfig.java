package org.tca4j.vit.config;

import java.util.Objects;

/**
 * Everything needed to rebuild a CLIP model without other input.
 *
 * @param vision the image tower
 * @param text the text tower
 * @param embedDim the shared embedding width E
 * @param preprocess the eval transform
 */
public record ClipConfig(VisionConfig vision, TextConfig text, int embedDim, PreprocessConfig preprocess) {
    public ClipConfig {
        Objects.requireNonNull(vision, "vision");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(preprocess, "preprocess");
        Checks.positive("embed dim", embedDim);
    }
}
