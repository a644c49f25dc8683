package org.tca4j.vit.weights;

import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.vit.config.ClipConfig;

/**
 * Where a CLIP model's weights come from: a config and float32 tensors named by their OpenCLIP state_dict keys.
 *
 * <p>Tensors keep PyTorch's layouts (a Linear weight is {@code [out, in]}; {@code visual.proj} and
 * {@code text_projection} are {@code [in, out]}) and are seen as 2-D by {@link OpenClipKeys#matrixShape}: a
 * vector {@code [N]} as {@code [1, N]}, the scalar {@code logit_scale} as {@code [1, 1]}, {@code visual.conv1.weight}
 * {@code [D, 3, P, P]} as {@code [D, 3·P·P]} (each row flattened in (c, ky, kx) order). Sources are a model
 * file, a checkpoint being converted, or seeded synthetic weights; {@link WeightLoader} checks every shape against
 * {@link #config()}.
 */
public interface TensorSource {
    /** The model's shape. */
    ClipConfig config();

    /**
     * The tensor stored under an OpenCLIP key, e.g. {@code visual.transformer.resblocks.0.attn.in_proj_weight}.
     *
     * @throws IllegalArgumentException if there is no such tensor
     */
    FloatMatrix tensor(String openClipKey);
}
