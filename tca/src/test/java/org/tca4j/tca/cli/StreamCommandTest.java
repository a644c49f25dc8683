package org.tca4j.tca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tca4j.core.testing.TestData;
import org.tca4j.tca.testing.Json;
import org.tca4j.tca.testing.Traces;

/**
 * {@code stream} and {@code explain} through {@link Main} on the tiny model: the first traced images written as
 * PNGs (224 px, so the preprocessing leaves the pixels as traced) must give the traced predictions and tokens.
 */
class StreamCommandTest {
    @TempDir
    Path dir;

    private Path writeImages(int count) throws Exception {
        var resized = Traces.file("inputs/resized_u8");
        StringBuilder list = new StringBuilder();
        for (int pos = 0; pos < count; pos++) {
            int[] v = Traces.ints(resized, pos);
            var img = new java.awt.image.BufferedImage(224, 224, java.awt.image.BufferedImage.TYPE_INT_RGB);
            for (int i = 0; i < v.length; i++) {
                img.setRGB(i % 224, i / 224, v[i] * 0x010101);
            }
            Path f = dir.resolve("img" + pos + ".png");
            ImageIO.write(img, "png", f.toFile());
            int label = ((Number) Traces.image("tca_r0.035", pos).get("label")).intValue();
            list.append(f.getFileName()).append('\t').append(label).append('\n');
        }
        Path listFile = dir.resolve("stream.tsv");
        Files.writeString(listFile, list);
        return listFile;
    }

    private int run(ByteArrayOutputStream out, String... argv) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(Main.defaultCommands()).run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as("exit code; stderr: " + err.toString(StandardCharsets.UTF_8)).isZero();
        return code;
    }

    @Test
    @SuppressWarnings("unchecked")
    void streamWritesOneTracedLinePerImage() throws Exception {
        Path list = writeImages(3);
        Path jsonl = dir.resolve("out.jsonl");
        run(new ByteArrayOutputStream(), "stream", "--model", TestData.path("models/tiny-quickgelu.tca4j").toString(),
                "--labels", "Dress,Coat,Shirt,Bag", "--method", "tca:r=0.035", "--images-list", list.toString(),
                "--jsonl", jsonl.toString(), "--save-reservoir", dir.resolve("res.bin").toString());
        List<String> lines = Files.readAllLines(jsonl);
        assertThat(lines).hasSize(3);
        for (int pos = 0; pos < 3; pos++) {
            var line = (Map<String, Object>) Json.parse(lines.get(pos));
            Map<String, Object> rec = Traces.image("tca_r0.035", pos);
            assertThat(((Number) line.get("pred")).intValue()).as("pred of " + pos).isEqualTo(((Number) rec.get("final_pred")).intValue());
            assertThat((List<Object>) line.get("tokens")).hasSize(12);
            assertThat(((Number) ((List<Object>) line.get("tokens")).get(11)).intValue()).isEqualTo(155);
            assertThat(line.get("anchor")).as("gate closed: no anchor").isEqualTo(java.util.Arrays.asList(null, null, null));
            List<Object> logits = (List<Object>) line.get("logits");
            float[] traced = Traces.floats(Traces.npy("tca_r0.035", "logits"), pos);
            for (int c = 0; c < 4; c++) {
                assertThat(((Number) logits.get(c)).floatValue()).isCloseTo(traced[c], org.assertj.core.data.Offset.offset(1e-4f));
            }
            assertThat(line).containsKeys("index", "path", "final_logits", "gflops", "ms", "label", "correct", "accuracy");
        }
        assertThat(dir.resolve("res.bin")).exists();
    }

    @Test
    void explainDrawsEveryCondensationBlock() throws Exception {
        writeImages(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path png = dir.resolve("plan.png");
        run(out, "explain", "--model", TestData.path("models/tiny-quickgelu.tca4j").toString(), "--out", png.toString(),
                "--rows", dir.resolve("img0.png").toString());
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("block 3: 197 rows -> 182", "block 6: 182 rows -> 167", "block 9: 167 rows -> 155")
                .contains("row 177 (merged 0) <-").contains("(fused) <-");
        var picture = ImageIO.read(png.toFile());
        assertThat(picture.getWidth()).as("input + 3 block panels").isGreaterThan(4 * 448);
    }
}
