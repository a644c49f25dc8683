package org.tca4j.vit.weights;

import java.util.Objects;
import org.tca4j.vit.config.ClipConfig;

/**
 * All tensors of a CLIP model, checked against its configuration by {@link WeightLoader}. Immutable once built:
 * every pass only reads them, so one instance serves any number of threads.
 *
 * @param config the configuration the shapes were checked against
 * @param visual the image tower
 * @param text the text tower
 * @param logitScale {@code logit_scale}, the log of the logits' temperature factor
 */
public record ClipWeights(ClipConfig config, VisionWeights visual, TextWeights text, float logitScale) {
    public ClipWeights {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(visual, "visual");
        Objects.requireNonNull(text, "text");
    }
}
