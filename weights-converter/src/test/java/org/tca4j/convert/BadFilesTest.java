package org.tca4j.convert;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tca4j.core.testing.TestData;

/**
 * The deliberately broken golden files ({@code testdata/openclip/bad}) each fail with the error their MANIFEST
 * {@code bad_files} entry names, and leave no output behind.
 */
class BadFilesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "truncated.bin | not a readable zip (end-of-central-directory record missing",
        "header_length_past_eof.safetensors | header length N=517122 but 8+N exceeds the file size 517122",
        "offsets_overlap.safetensors | tensor 'visual.transformer.resblocks.1.mlp.c_proj.weight' data_offsets [502726, 510918]"
                + " overlap the previous tensor 'visual.transformer.resblocks.1.mlp.c_proj.bias' (ends at 502730)",
        "offsets_out_of_range.safetensors | tensor 'visual.transformer.resblocks.1.mlp.c_proj.weight' data_offsets"
                + " [1551306, 1559498] lie past the end of the 510922-byte data buffer",
        "forbidden_global.bin | pickle GLOBAL 'posix system' is not on the allow-list (collections.OrderedDict,"
                + " torch._utils._rebuild_tensor_v2, torch.*Storage); refusing it before anything runs",
        "missing_key.bin | key 'visual.ln_post.bias' missing",
        "wrong_shape.bin | 'visual.transformer.resblocks.1.mlp.c_fc.weight' has shape [32, 128], expected [128, 32]",
        "legacy_format.bin | legacy torch format not supported",
    })
    void badFileFailsWithTheManifestError(String name, String expected) throws Exception {
        // Beside the micro-quickgelu config, as a hub download would be, so only the file itself is at fault.
        Path source = dir.resolve(name);
        Files.copy(TestData.path("openclip/bad/" + name), source);
        Files.copy(TestData.path("openclip/models/micro-quickgelu/open_clip_config.json"),
                dir.resolve(ConfigFile.OPEN_CLIP_NAME));
        Path out = dir.resolve("out.tca4j");
        assertThatThrownBy(() -> Converter.convert(source, out, ConvertOptions.DEFAULTS))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith(source + ": ")
                .hasMessageContaining(expected);
        try (var files = Files.list(dir)) {
            org.assertj.core.api.Assertions.assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(name, ConfigFile.OPEN_CLIP_NAME);
        }
    }
}
