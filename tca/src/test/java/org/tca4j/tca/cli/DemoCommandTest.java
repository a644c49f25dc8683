package org.tca4j.tca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tca4j.core.testing.TestData;

/**
 * {@code demo} and the default model/labels of {@code classify}, on the embedded model and four of the shipped
 * Fashion-MNIST samples.
 */
class DemoCommandTest {
    private static final List<String> SAMPLES = List.of("ankle_boot-t10k-00000.png", "bag-t10k-00018.png",
            "t-shirt-t10k-00019.png", "trouser-t10k-00002.png");
    private static final List<String> TRUTHS = List.of("ankle boot", "bag", "t-shirt", "trouser");

    @TempDir
    Path dir;

    private Path samples() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        for (String name : SAMPLES) {
            Files.copy(DemoSamples.locate().resolve(name), images.resolve(name));
        }
        return images;
    }

    @Test
    void demoPrintsRealPredictionsCondensedCostsSyntheticCostsAndATokenMap() throws Exception {
        Path images = samples();
        Path maps = dir.resolve("maps");
        CliRun r = CliRun.main("demo", "--images", images.toString(), "--synthetic", "ViT-B-32",
                "--synthetic-images", "1",
                "--out", maps.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String out = r.out();
        // Part 1: the zero-shot column is what classify (another code path) says for each sample.
        CliRun classify = CliRun.main("classify", "--top", "1", "--csv", images.toString());
        assertThat(classify.exitCode()).as(classify.err()).isZero();
        List<String> top1 = classify.out().lines().skip(1).map(l -> l.split(",")[2]).toList();
        for (int i = 0; i < SAMPLES.size(); i++) {
            String line = lineOf(out, SAMPLES.get(i));
            String[] cells = line.strip().split(" {2,}");
            assertThat(cells[1]).as(line).isEqualTo(TRUTHS.get(i));
            assertThat(cells[2].replace(" x", "")).as("zero-shot column of " + line).isEqualTo(top1.get(i));
        }
        // The full pass of the 50-token model and TCA r=0.105's schedule (the reference's -23 % of the MACs).
        assertThat(rowOf(out, "zero-shot")).contains("50×12").contains("0.1457");
        assertThat(rowOf(out, "tca-0.105")).contains("50×3 → 38×3 → 32×3 → 26×3").contains("0.1124");
        assertThat(rowOf(out, "evit")).contains("50×3 → 47×3 → 44×3 → 41×3");
        assertThat(rowOf(out, "tome")).contains("50×3 → 45×3 → 41×3 → 37×3");
        // Part 2: synthetic weights, said so.
        assertThat(out).contains("2. Cost on synthetic:ViT-B-32 -- SYNTHETIC weights");
        // Part 3: the token map, a real PNG with the image and three block panels side by side.
        Path png = maps.resolve("token-map-ankle_boot-t10k-00000.png");
        assertThat(out).contains("wrote " + png);
        BufferedImage map = ImageIO.read(png.toFile());
        assertThat(map.getWidth()).isGreaterThan(3 * map.getHeight());
    }

    /** The first cost-table row of {@code method} (part 1 comes first). */
    private static String rowOf(String text, String method) {
        return text.lines().filter(l -> l.startsWith("   " + method + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row of " + method + " in:\n" + text));
    }

    private static String lineOf(String text, String needle) {
        return text.lines().filter(l -> l.contains(needle)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with '" + needle + "' in:\n" + text));
    }

    @Test
    void truthComesFromTheLongestLabelThatStartsTheFileName() {
        List<String> labels = List.of("t-shirt", "shirt", "ankle boot", "bag");
        assertThat(DemoSamples.truth(Path.of("t-shirt-t10k-00019.png"), labels)).isZero();
        assertThat(DemoSamples.truth(Path.of("shirt-t10k-00004.png"), labels)).isEqualTo(1);
        assertThat(DemoSamples.truth(Path.of("x/ankle_boot-t10k-00000.png"), labels)).isEqualTo(2);
        assertThat(DemoSamples.truth(Path.of("Bag.jpg"), labels)).isEqualTo(3);
        assertThat(DemoSamples.truth(Path.of("bags.png"), labels)).isEqualTo(-1);
        assertThat(DemoSamples.truth(Path.of("coat-1.png"), labels)).isEqualTo(-1);
    }

    @Test
    void defaultLabelsBelongToTheDefaultModelOnly() throws Exception {
        Path image = DemoSamples.locate().resolve("trouser-t10k-00002.png");
        CliRun own = CliRun.main("classify", "--model", TestData.path("models/tiny-gelu.tca4j").toString(),
                image.toString());
        assertThat(own.exitCode()).isEqualTo(2);
        assertThat(own.err()).contains("give --labels or --labels-file");
        CliRun byDefault = CliRun.main("classify", "--top", "10", image.toString());
        assertThat(byDefault.exitCode()).as(byDefault.err()).isZero();
        for (String label : List.of("t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker",
                "bag", "ankle boot")) {
            assertThat(byDefault.out()).contains("%  " + label + "\n");
        }
    }
}
