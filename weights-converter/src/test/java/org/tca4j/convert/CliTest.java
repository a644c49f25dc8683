package org.tca4j.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tca4j.core.testing.TestData;

/** {@code tca4j convert} / {@code inspect}: exit codes 0 / 1 / 2, errors on stderr naming the file. */
class CliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ToolsMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void convertThenInspect() throws Exception {
        Path target = dir.resolve("m.tca4j");
        String source = TestData.path("openclip/models/micro-quickgelu/hf_model.safetensors").toString();
        assertThat(run("convert", source, "-o", target.toString(), "--dtype", "bf16", "--pretrained", "golden"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("wrote " + target).contains("quick_gelu");
        out.reset();
        assertThat(run("inspect", target.toString())).isZero();
        assertThat(out.toString()).contains("vision      224 px, patch 16, width 32, 2 layers, 2 heads, MLP 128, quick_gelu")
                .contains("hf_model.safetensors (hf-safetensors").contains("pretrained golden")
                .contains("visual.transformer.resblocks.1.attn.in_proj_weight").contains("bf16");
        out.reset();
        assertThat(run("inspect", target.toString(), "--json")).isZero();
        Map<?, ?> json = (Map<?, ?>) Json.parse(out.toString());
        assertThat(((Map<?, ?>) json.get("text")).get("heads")).isEqualTo(1L);
        assertThat(((Map<?, ?>) json.get("provenance")).get("pretrained_tag")).isEqualTo("golden");
        List<?> tensors = (List<?>) json.get("tensors");
        assertThat(tensors).hasSize(62);
        assertThat(((Map<?, ?>) tensors.get(2)).get("name")).isEqualTo("logit_scale");
        assertThat(((Map<?, ?>) tensors.get(2)).get("shape")).isEqualTo(List.of());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void failuresExitOneAndNameTheFile() throws Exception {
        Path bad = TestData.path("openclip/bad/forbidden_global.bin");
        assertThat(run("convert", bad.toString(), "-o", dir.resolve("x.tca4j").toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("tca4j: " + bad + ": ").contains("not on the allow-list");
        err.reset();
        Path notAModel = TestData.path("openclip/models/micro-gelu/config.json");
        assertThat(run("inspect", notAModel.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("tca4j: " + notAModel + ": ").contains("not a tca4j model file");
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("convert", "a.bin")).isEqualTo(2);
        assertThat(run("convert", "a.bin", "-o", "b", "--dtype", "f8")).isEqualTo(2);
        assertThat(run("convert", "a.bin", "-o")).isEqualTo(2);
        assertThat(run("inspect", "a", "--yaml")).isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown dtype 'f8'").contains("usage: tca4j convert");
        assertThat(run("--help")).isZero();
    }
}
