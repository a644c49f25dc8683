package org.tca4j.vit.weights;

import java.util.List;
import org.tca4j.core.kernels.Linear;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * The text tower's tensors; fields are named after the OpenCLIP keys.
 *
 * @param tokenEmbedding {@code token_embedding.weight} {@code [V, Dt]}
 * @param positionalEmbedding {@code positional_embedding} {@code [L, Dt]}
 * @param resblocks {@code transformer.resblocks.*}
 * @param lnFinal {@code ln_final}
 * @param textProjection {@code text_projection}, stored {@code [Dt, E]}, held transposed as a linear layer
 *     {@code [E, Dt]}
 */
public record TextWeights(FloatMatrix tokenEmbedding, FloatMatrix positionalEmbedding, List<BlockWeights> resblocks,
                          LayerNormWeights lnFinal, Linear textProjection) {
    public TextWeights {
        resblocks = List.copyOf(resblocks);
    }
}
