package org.tca4j.vit.weights;

import java.util.List;
import org.tca4j.core.kernels.Linear;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * The image tower's tensors ({@code visual.*}); fields are named after the OpenCLIP keys.
 *
 * @param conv1 {@code visual.conv1.weight} {@code [D, 3, P, P]} seen as a bias-free linear layer {@code [D, 3·P·P]}
 *     over patches flattened in (c, ky, kx) order
 * @param classEmbedding {@code visual.class_embedding} {@code [1, D]}
 * @param positionalEmbedding {@code visual.positional_embedding} {@code [G²+1, D]}
 * @param lnPre {@code visual.ln_pre}
 * @param resblocks {@code visual.transformer.resblocks.*}
 * @param lnPost {@code visual.ln_post}
 * @param proj {@code visual.proj}, stored {@code [D, E]}, held transposed as a linear layer {@code [E, D]}
 */
public record VisionWeights(Linear conv1, FloatMatrix classEmbedding, FloatMatrix positionalEmbedding,
                            LayerNormWeights lnPre, List<BlockWeights> resblocks, LayerNormWeights lnPost,
                            Linear proj) {
    public VisionWeights {
        resblocks = List.copyOf(resblocks);
    }
}
