package org.tca4j.tca.adapt;

import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.condense.RecordingCondenser;
import org.tca4j.vit.model.ForwardTrace;
import org.tca4j.vit.model.VisionTransformer;

/** One image-tower pass with a condenser acting in its blocks. */
@FunctionalInterface
public interface VisionPass {
    /**
     * Encodes one preprocessed image {@code [1, 3·S·S]} with {@code condenser} in every block; returns the
     * unnormalised image embedding {@code [E]}.
     */
    float[] encode(FloatMatrix image, RecordingCondenser condenser);

    /** The pass of a vision tower. */
    static VisionPass of(VisionTransformer tower) {
        return (image, condenser) -> tower.encode(image, condenser, ForwardTrace.NONE).features();
    }
}
