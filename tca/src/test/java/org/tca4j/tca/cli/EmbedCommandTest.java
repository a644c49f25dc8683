package org.tca4j.tca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.core.testing.Npy;

/** {@code embed} on the committed micro model: the .npy files, skipped images, typed errors, whole files only. */
class EmbedCommandTest {
    private static Session micro;

    @TempDir
    Path dir;

    @BeforeAll
    static void openModel() {
        micro = Sessions.open(CliRun.microModel().toString());
    }

    private static CliRun embed(String... rest) {
        return CliRun.run(spec -> micro, CliRun.prefixed(rest, "embed", "--model", "micro"));
    }

    @Test
    void writesFeaturesTokensAndTheImageOrderSkippingUnreadableImages() throws IOException {
        Path photos = Files.createDirectory(dir.resolve("photos"));
        Files.copy(CliRun.photo("horse.png"), photos.resolve("a-horse.png"));
        Files.write(photos.resolve("b-empty.jpg"), new byte[0]);
        Files.copy(CliRun.photo("Minduka_Present_Blue_Pack.png"), photos.resolve("c-pack.png"));
        Path texts = dir.resolve("texts.txt");
        Files.writeString(texts, "a horse\r\na present\n");
        Path out = dir.resolve("out");

        CliRun run = embed("--images", photos.toString(), "--texts-file", texts.toString(), "--out", out.toString())
                .assertNoStackTrace();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("skipped " + photos.resolve("b-empty.jpg") + ": ")
                .contains("1 of 3 images could not be read");
        assertThat(Files.readString(out.resolve("images.txt")))
                .isEqualTo(photos.resolve("a-horse.png") + "\n" + photos.resolve("c-pack.png") + "\n");
        int e = micro.clip().config().embedDim();
        Npy images = Npy.read(out.resolve("image_features.npy"));
        assertThat(images.dtype()).isEqualTo("f4");
        assertThat(images.shape()).containsExactly(2, e);
        float[] expected = micro.clip().encodeImages(micro.loadImage(photos.resolve("c-pack.png"))).rowArray(0);
        assertThat(java.util.Arrays.copyOfRange(images.floats(), e, 2 * e)).containsExactly(expected);
        Npy tokens = Npy.read(out.resolve("tokens.npy"));
        assertThat(tokens.shape()).containsExactly(2, 77);
        assertThat(java.util.Arrays.copyOf(tokens.ints(), 77)).containsExactly(micro.tokenize("a horse"));
        assertThat(Npy.read(out.resolve("text_features.npy")).shape()).containsExactly(2, e);
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("images.txt", "image_features.npy", "text_features.npy", "tokens.npy");
        }
    }

    @Test
    void normalizeGivesUnitRows() throws IOException {
        Path out = dir.resolve("out");
        CliRun run = embed("--normalize", "--out", out.toString(), CliRun.photo("horse.png").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        float[] row = Npy.read(out.resolve("image_features.npy")).floats();
        double norm = 0;
        for (float v : row) {
            norm += v * v;
        }
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(FloatMatrix.row(row).cols()).isEqualTo(micro.clip().config().embedDim());
    }

    @Test
    void anOutputPathThatIsAFileIsAUsageErrorAndLeavesItAlone() throws IOException {
        Path out = dir.resolve("out");
        Files.writeString(out, "keep me");
        CliRun run = embed("--out", out.toString(), CliRun.photo("horse.png").toString()).assertNoStackTrace();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--out " + out + ": exists and is not a directory");
        assertThat(Files.readString(out)).isEqualTo("keep me");
    }

    @Test
    void aTextProblemWritesNothing() throws IOException {
        Path texts = dir.resolve("texts.txt");
        Files.write(texts, new byte[] {'o', 'k', '\n', (byte) 0xC3, (byte) 0x28, '\n'});
        Path out = dir.resolve("out");
        CliRun run = embed("--texts-file", texts.toString(), "--out", out.toString(),
                CliRun.photo("horse.png").toString()).assertNoStackTrace();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--texts-file " + texts + ": not UTF-8 text");
        assertThat(out).doesNotExist();
    }

    @Test
    void textsNeedAVocabularyWhichSyntheticModelsLack() {
        Path texts = dir.resolve("texts.txt");
        CliRun.write(texts, "a horse\n");
        Path out = dir.resolve("out");
        CliRun run = CliRun.run("embed", "--model", "synthetic:ViT-B-16", "--texts-file", texts.toString(),
                "--out", out.toString()).assertNoStackTrace();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("synthetic:ViT-B-16 has no vocabulary");
        assertThat(out).doesNotExist();
    }

    @Test
    void existingOutputsAreReplacedWholeWithNoTemporaryFilesLeft() throws IOException {
        Path out = Files.createDirectory(dir.resolve("out"));
        Files.writeString(out.resolve("image_features.npy"), "stale");
        CliRun run = embed("--out", out.toString(), CliRun.photo("horse.png").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Npy.read(out.resolve("image_features.npy")).shape()).containsExactly(1,
                micro.clip().config().embedDim());
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("images.txt", "image_features.npy");
        }
    }
}
