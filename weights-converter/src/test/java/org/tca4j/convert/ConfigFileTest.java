package org.tca4j.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tca4j.core.testing.TestData;
import org.tca4j.vit.io.ModelFile;

/** preprocess_cfg.interpolation in open_clip_config.json: open_clip's names go into the model file, others nowhere. */
class ConfigFileTest {
    private static final String BIN = "open_clip_pytorch_model.bin";

    @TempDir
    Path dir;

    /** The micro-quickgelu checkpoint beside its config, with the interpolation value replaced by {@code json}. */
    private Path checkpointWithInterpolation(String json) throws Exception {
        Path model = TestData.path("openclip/models/micro-quickgelu");
        String config = Files.readString(model.resolve(ConfigFile.OPEN_CLIP_NAME));
        String edited = config.replace("\"interpolation\": \"bicubic\"", "\"interpolation\": " + json);
        assertThat(edited).isNotEqualTo(config);
        Files.writeString(dir.resolve(ConfigFile.OPEN_CLIP_NAME), edited);
        Path bin = dir.resolve(BIN);
        Files.copy(model.resolve(BIN), bin);
        return bin;
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"lanczos\"", "\"nearest\"", "\"bicubc\"", "3"})
    void anInterpolationOpenClipRefusesIsRefusedBeforeAnythingIsWritten(String json) throws Exception {
        Path bin = checkpointWithInterpolation(json);
        Path out = dir.resolve("out.tca4j");
        String shown = json.replace('"', '\'');
        assertThatThrownBy(() -> Converter.convert(bin, out, ConvertOptions.DEFAULTS))
                .isInstanceOf(CheckpointException.class)
                .hasMessage(dir.resolve(ConfigFile.OPEN_CLIP_NAME) + ": preprocess_cfg.interpolation " + shown
                        + " is not supported (open_clip accepts only bicubic, bilinear, random)");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(BIN, ConfigFile.OPEN_CLIP_NAME);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"bilinear\" | bilinear",
        "\"random\"   | random",
        // open_clip's image_transform takes a null or empty name as bicubic.
        "null         | bicubic",
        "\"\"         | bicubic",
    })
    void anInterpolationOpenClipAcceptsGoesIntoTheModelFile(String json, String stored) throws Exception {
        Path bin = checkpointWithInterpolation(json);
        Path out = dir.resolve("out.tca4j");
        assertThat(Converter.convert(bin, out, ConvertOptions.DEFAULTS).preprocess().interpolation()).isEqualTo(stored);
        try (ModelFile file = ModelFile.open(out)) {
            assertThat(file.config().preprocess().interpolation()).isEqualTo(stored);
        }
    }
}
