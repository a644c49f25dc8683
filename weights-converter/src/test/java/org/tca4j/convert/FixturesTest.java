package org.tca4j.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tca4j.core.testing.TestData;

/**
 * The committed model-file fixtures ({@code testdata/models/*.tca4j}, which vit's tests load) must be exactly what
 * the converter makes today from the golden checkpoints; regenerate them with {@code testdata/models/regenerate.sh}.
 */
class FixturesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"tiny-gelu", "tiny-quickgelu", "micro-gelu", "micro-quickgelu"})
    void committedFixtureIsWhatTheConverterMakes(String name) throws Exception {
        Path fresh = dir.resolve(name + ".tca4j");
        Converter.convert(TestData.path("openclip/models/" + name + "/open_clip_pytorch_model.bin"), fresh,
                ConvertOptions.DEFAULTS);
        Path committed = TestData.path("models/" + name + ".tca4j");
        assertThat(Files.mismatch(committed, fresh))
                .as("%s is stale: run testdata/models/regenerate.sh", committed)
                .isEqualTo(-1L);
    }
}
