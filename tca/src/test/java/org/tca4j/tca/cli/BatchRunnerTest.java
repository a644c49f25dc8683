package org.tca4j.tca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.vit.config.Activation;
import org.tca4j.vit.config.ClipConfig;
import org.tca4j.vit.config.PreprocessConfig;
import org.tca4j.vit.config.TextConfig;
import org.tca4j.vit.config.VisionConfig;
import org.tca4j.vit.model.Clip;
import org.tca4j.vit.weights.SyntheticWeights;

class BatchRunnerTest {
    private static final long SEED = 17;
    private static final ClipConfig TINY = new ClipConfig(
            new VisionConfig(32, 8, 64, 2, 2, 256, Activation.GELU, 1e-5f),
            new TextConfig(16, 100, 32, 2, 2, 128, Activation.GELU, 1e-5f),
            16, PreprocessConfig.openai(32));

    @Test
    void everyThreadCountAndSplitGivesTheBitsOfOneImageAtATime() throws Exception {
        Clip clip = Clip.load(new SyntheticWeights(TINY, SEED));
        FloatMatrix images = BenchEncoder.randomImages(5, 32, SEED);
        int[][] prompts = BenchEncoder.randomPrompts(3, 16, 100, SEED);
        FloatMatrix expectedImages = FloatMatrix.allocate(5, 16);
        for (int b = 0; b < 5; b++) {
            expectedImages.rows(b, b + 1).copyFrom(clip.encodeImages(images.rows(b, b + 1)));
        }
        FloatMatrix expectedTexts = clip.encodeTexts(prompts);
        for (int threads : new int[] {1, 2, 3, 8}) {
            try (BatchRunner runner = new BatchRunner(clip, threads)) {
                assertThat(runner.encodeImages(images).toArray()).as("images on %d threads, seed %d", threads, SEED)
                        .containsExactly(expectedImages.toArray());
                assertThat(runner.encodeTexts(prompts).toArray()).as("texts on %d threads, seed %d", threads, SEED)
                        .containsExactly(expectedTexts.toArray());
            }
        }
    }
}
