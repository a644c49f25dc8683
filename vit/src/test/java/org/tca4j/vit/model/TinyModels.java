package org.tca4j.vit.model;

import java.util.SplittableRandom;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.vit.config.Activation;
import org.tca4j.vit.config.ClipConfig;
import org.tca4j.vit.config.PreprocessConfig;
import org.tca4j.vit.config.TextConfig;
import org.tca4j.vit.config.VisionConfig;
import org.tca4j.vit.weights.SyntheticWeights;

/** Small seeded models and inputs for fast tower tests. */
final class TinyModels {
    private TinyModels() {}

    /** Image 32, patch 8 (17 tokens), width 64, 2 heads, 3 layers; text context 16, vocab 100, width 32. */
    static ClipConfig config(Activation activation) {
        return config(32, 8, activation);
    }

    static ClipConfig config(int imageSize, int patch, Activation activation) {
        return new ClipConfig(
                new VisionConfig(imageSize, patch, 64, 3, 2, 256, activation, 1e-5f),
                new TextConfig(16, 100, 32, 2, 2, 128, activation, 1e-5f),
                16, PreprocessConfig.openai(imageSize));
    }

    static Clip clip(ClipConfig config, long seed) {
        return Clip.load(new SyntheticWeights(config, seed));
    }

    /** {@code count} images {@code [count, 3·S·S]} with values uniform in [-2, 2). */
    static FloatMatrix images(int count, int imageSize, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] data = new float[count * 3 * imageSize * imageSize];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (4 * random.nextDouble() - 2);
        }
        return FloatMatrix.wrap(data, count, 3 * imageSize * imageSize);
    }

    /** A tokenized text: start 98, {@code words} random ids in [1, 98), end 99, zero padding. */
    static int[] tokens(int contextLength, int words, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] ids = new int[contextLength];
        ids[0] = 98;
        for (int i = 1; i <= words; i++) {
            ids[i] = 1 + random.nextInt(97);
        }
        ids[words + 1] = 99;
        return ids;
    }
}
