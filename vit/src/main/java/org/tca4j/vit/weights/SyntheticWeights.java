package org.tca4j.vit.weights;

import java.util.Map;
import java.util.SplittableRandom;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.vit.config.ClipConfig;

/**
 * Seeded random weights for any configuration, for benchmarks, the demo and tests: no real CLIP weights can ship
 * with the project. Each tensor is drawn from its own generator (seed mixed with the key), so a tensor does not
 * depend on which others were read, and the same seed gives the same bits on every JVM.
 *
 * <p>Values are uniform with a per-kind standard deviation close to OpenCLIP's initialisation: linear weights
 * {@code 1/√fan_in}, biases 0.01, layer-norm gains {@code 1 ± 0.1}, class and visual positional embeddings
 * {@code 1/√D}, token embeddings 0.02, text positional embeddings 0.01, {@code logit_scale = ln(1/0.07)}.
 * The outputs mean nothing; the shapes, the work and the timing are those of the real model.
 */
public final class SyntheticWeights implements TensorSource {
    /** OpenCLIP's initial {@code logit_scale}, {@code ln(1/0.07)}. */
    public static final float INITIAL_LOGIT_SCALE = (float) Math.log(1 / 0.07);

    private final ClipConfig config;
    private final long seed;
    private final Map<String, int[]> shapes;

    /** Synthetic weights for {@code config} drawn with {@code seed}. */
    public SyntheticWeights(ClipConfig config, long seed) {
        this.config = config;
        this.seed = seed;
        this.shapes = WeightLoader.expectedShapes(config);
    }

    /** Synthetic weights for a standard model name such as {@code ViT-B-16} (see {@link OpenClipConfigs}). */
    public static SyntheticWeights named(String name, long seed) {
        return new SyntheticWeights(OpenClipConfigs.byName(name), seed);
    }

    @Override
    public ClipConfig config() {
        return config;
    }

    @Override
    public FloatMatrix tensor(String key) {
        int[] shape = shapes.get(key);
        if (shape == null) {
            throw new IllegalArgumentException(this + " has no tensor " + key);
        }
        float[] data = new float[Math.multiplyExact(shape[0], shape[1])];
        if (key.equals("logit_scale")) {
            data[0] = INITIAL_LOGIT_SCALE;
        } else {
            SplittableRandom random = new SplittableRandom(seed ^ (key.hashCode() * 0x9E3779B97F4A7C15L));
            float mean = isLayerNormGain(key) ? 1f : 0f;
            double halfWidth = standardDeviation(key, shape) * Math.sqrt(3);
            for (int i = 0; i < data.length; i++) {
                data[i] = mean + (float) ((2 * random.nextDouble() - 1) * halfWidth);
            }
        }
        return FloatMatrix.wrap(data, shape[0], shape[1]);
    }

    private static boolean isLayerNorm(String key) {
        return key.contains("ln_");
    }

    private static boolean isLayerNormGain(String key) {
        return isLayerNorm(key) && key.endsWith(".weight");
    }

    private static double standardDeviation(String key, int[] shape) {
        if (isLayerNormGain(key)) {
            return 0.1;
        }
        if (key.endsWith("bias")) {
            return 0.01;
        }
        return switch (key) {
            case "token_embedding.weight" -> 0.02;
            case "positional_embedding" -> 0.01;
            case "visual.class_embedding", "visual.positional_embedding" -> 1 / Math.sqrt(shape[1]);
            case "visual.proj", "text_projection" -> 1 / Math.sqrt(shape[0]);
            default -> 1 / Math.sqrt(shape[1]);
        };
    }

    @Override
    public String toString() {
        return "synthetic weights (seed " + seed + ")";
    }
}
