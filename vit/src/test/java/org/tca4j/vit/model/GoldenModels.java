package org.tca4j.vit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.core.testing.Npy;
import org.tca4j.core.testing.TestData;
import org.tca4j.vit.config.Activation;
import org.tca4j.vit.config.ClipConfig;
import org.tca4j.vit.config.PreprocessConfig;
import org.tca4j.vit.config.TextConfig;
import org.tca4j.vit.config.VisionConfig;
import org.tca4j.vit.io.ModelFile;
import org.tca4j.vit.io.ModelFileException;

/** The golden tiny models of {@code testdata/openclip} and their inputs, loaded once per test run. */
final class GoldenModels {
    private static final Map<String, Clip> MODELS = new ConcurrentHashMap<>();

    private GoldenModels() {}

    /** The configuration MANIFEST.json gives for the tiny models. */
    static ClipConfig tinyConfig(Activation activation) {
        return new ClipConfig(
                new VisionConfig(224, 16, 128, 12, 2, 512, activation, 1e-5f),
                new TextConfig(77, 49408, 64, 1, 3, 256, activation, 1e-5f),
                64, PreprocessConfig.openai(224));
    }

    /** The golden model {@code testdata/models/NAME.tca4j}, converted from open_clip's checkpoint. */
    static Clip model(String name) {
        return MODELS.computeIfAbsent(name, n -> {
            ModelFile file;
            try {
                file = ModelFile.open(TestData.path("models/" + n + ".tca4j"));
            } catch (ModelFileException e) {
                throw new IllegalStateException("golden model " + n + " does not load", e);
            }
            if (n.startsWith("tiny")) {
                ClipConfig expected = tinyConfig(n.endsWith("quickgelu") ? Activation.QUICK_GELU : Activation.GELU);
                assertThat(file.config().vision()).as("%s vision config", n).isEqualTo(expected.vision());
                assertThat(file.config().text()).as("%s text config", n).isEqualTo(expected.text());
                assertThat(file.config().embedDim()).as("%s embed dim", n).isEqualTo(expected.embedDim());
            }
            // The mapping stays open for the whole test run: the model's tensors are views of it.
            return Clip.load(file);
        });
    }

    /** {@code inputs/pixels.npy} as {@code [8, 3·224·224]}. */
    static FloatMatrix pixels() {
        Npy npy = TestData.npy("openclip/inputs/pixels.npy");
        return FloatMatrix.wrap(npy.floats(), npy.shape()[0], 3 * 224 * 224);
    }

    /** {@code inputs/tokens.npy} {@code [28, 77]}. */
    static int[][] tokens() {
        Npy npy = TestData.npy("openclip/inputs/tokens.npy");
        int[] flat = npy.ints();
        int[][] out = new int[npy.shape()[0]][];
        for (int t = 0; t < out.length; t++) {
            out[t] = java.util.Arrays.copyOfRange(flat, t * 77, (t + 1) * 77);
        }
        return out;
    }

    /** A golden output of a model, e.g. {@code vision_block_3}. */
    static float[] output(String model, String name) {
        return TestData.npy("openclip/models/" + model + "/outputs/" + name + ".npy").floats();
    }
}
