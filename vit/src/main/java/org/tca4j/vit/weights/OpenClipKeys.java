package org.tca4j.vit.weights;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import org.tca4j.vit.config.ClipConfig;
import org.tca4j.vit.config.TextConfig;
import org.tca4j.vit.config.VisionConfig;

/**
 * The tensors an OpenCLIP {@code CLIP} ViT model has, with their PyTorch shapes, in {@code state_dict()} order.
 *
 * <p>Shape letters: D vision width, T vision tokens (G²+1), P patch, F vision MLP width, E embedding width, L text
 * context, Dt text width, Ft text MLP width, V vocabulary.
 */
public final class OpenClipKeys {
    private OpenClipKeys() {}

    /** Every key the config requires, mapped to its shape, in the order OpenCLIP's {@code state_dict()} lists them. */
    public static SequencedMap<String, long[]> expectedShapes(ClipConfig config) {
        VisionConfig v = config.vision();
        TextConfig t = config.text();
        long e = config.embedDim();
        LinkedHashMap<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("positional_embedding", shape(t.contextLength(), t.width()));
        shapes.put("text_projection", shape(t.width(), e));
        shapes.put("logit_scale", shape());
        shapes.put("visual.class_embedding", shape(v.width()));
        shapes.put("visual.positional_embedding", shape(v.tokens(), v.width()));
        shapes.put("visual.proj", shape(v.width(), e));
        shapes.put("visual.conv1.weight", shape(v.width(), 3, v.patchSize(), v.patchSize()));
        layerNorm(shapes, "visual.ln_pre", v.width());
        for (int i = 0; i < v.layers(); i++) {
            block(shapes, "visual.transformer.resblocks." + i + ".", v.width(), v.mlpWidth());
        }
        layerNorm(shapes, "visual.ln_post", v.width());
        shapes.put("token_embedding.weight", shape(t.vocabSize(), t.width()));
        for (int i = 0; i < t.layers(); i++) {
            block(shapes, "transformer.resblocks." + i + ".", t.width(), t.mlpWidth());
        }
        layerNorm(shapes, "ln_final", t.width());
        return shapes;
    }

    /**
     * The 2-D view of a tensor of the given PyTorch shape: {@code []} → {@code [1, 1]}, {@code [N]} → {@code [1, N]},
     * {@code [a, b, ...]} → {@code [a, b·...]}.
     *
     * @throws IllegalArgumentException if a side does not fit an int
     */
    public static int[] matrixShape(long[] shape) {
        if (shape.length == 0) {
            return new int[] {1, 1};
        }
        if (shape.length == 1) {
            return new int[] {1, toInt(shape[0])};
        }
        long cols = 1;
        for (int i = 1; i < shape.length; i++) {
            cols = Math.multiplyExact(cols, shape[i]);
        }
        return new int[] {toInt(shape[0]), toInt(cols)};
    }

    private static int toInt(long side) {
        if (side < 0 || side > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor side " + side + " does not fit a matrix");
        }
        return (int) side;
    }

    private static void block(Map<String, long[]> shapes, String prefix, int width, int mlpWidth) {
        layerNorm(shapes, prefix + "ln_1", width);
        shapes.put(prefix + "attn.in_proj_weight", shape(3L * width, width));
        shapes.put(prefix + "attn.in_proj_bias", shape(3L * width));
        shapes.put(prefix + "attn.out_proj.weight", shape(width, width));
        shapes.put(prefix + "attn.out_proj.bias", shape(width));
        layerNorm(shapes, prefix + "ln_2", width);
        shapes.put(prefix + "mlp.c_fc.weight", shape(mlpWidth, width));
        shapes.put(prefix + "mlp.c_fc.bias", shape(mlpWidth));
        shapes.put(prefix + "mlp.c_proj.weight", shape(width, mlpWidth));
        shapes.put(prefix + "mlp.c_proj.bias", shape(width));
    }

    private static void layerNorm(Map<String, long[]> shapes, String prefix, int width) {
        shapes.put(prefix + ".weight", shape(width));
        shapes.put(prefix + ".bias", shape(width));
    }

    private static long[] shape(long... sides) {
        return sides;
    }
}
