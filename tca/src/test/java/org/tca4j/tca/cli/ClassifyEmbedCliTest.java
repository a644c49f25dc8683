package org.tca4j.tca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tca4j.core.testing.Npy;
import org.tca4j.core.testing.TestData;

/** classify and embed through Main on the golden tiny model, with one unreadable image among real ones. */
class ClassifyEmbedCliTest {
    @TempDir
    Path dir;

    @Test
    void classifySkipsTheBrokenImageAndSaysSoInTheExitCode() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.png"), "not a png");
        CliRun r = CliRun.main("classify", "--model", TestData.path("models/tiny-gelu.tca4j").toString(), "--labels",
                "cat, dog,astronaut", "--top", "2", "--json",
                TestData.path("openclip/images/chelsea.png").toString(), broken.toString(),
                TestData.path("openclip/images/grace_hopper.jpg").toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"image\": \"").contains("chelsea.png").contains("\"label\": \"");
        assertThat(lines.get(1)).contains("grace_hopper.jpg");
        assertThat(r.err()).contains("skipped " + broken).contains("1 of 3 images");
    }

    @Test
    void embedWritesNpyFilesMatchingTheGoldens() throws Exception {
        Path texts = Files.writeString(dir.resolve("texts.txt"), "a photo of a cat.\n\n");
        Path out = dir.resolve("out");
        CliRun r = CliRun.main("embed", "--model", TestData.path("models/tiny-gelu.tca4j").toString(), "--images",
                TestData.path("openclip/images/astronaut.png").toString(), "--texts-file", texts.toString(),
                "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Npy images = Npy.read(out.resolve("image_features.npy"));
        assertThat(images.shape()).containsExactly(1, 64);
        float[] golden = TestData.npy("openclip/models/tiny-gelu/outputs/image_features.npy").floats();
        for (int i = 0; i < 64; i++) {
            // astronaut.png is image 0 of the goldens; README bound for fp32: 3e-4 absolute.
            assertThat(images.floats()[i]).isCloseTo(golden[i], org.assertj.core.data.Offset.offset(3e-4f));
        }
        Npy tokens = Npy.read(out.resolve("tokens.npy"));
        assertThat(tokens.dtype()).isEqualTo("i4");
        assertThat(tokens.shape()).containsExactly(2, 77);
        long[] goldenTokens = TestData.npy("openclip/inputs/tokens.npy").longs();
        for (int i = 0; i < 77; i++) {
            assertThat(tokens.longs()[i]).as("token %d of 'a photo of a cat.'", i).isEqualTo(goldenTokens[i]);
        }
        assertThat(tokens.ints()[77]).isEqualTo(49406);
        assertThat(tokens.ints()[78]).isEqualTo(49407);
        assertThat(Npy.read(out.resolve("text_features.npy")).shape()).containsExactly(2, 64);
        assertThat(Files.readString(out.resolve("images.txt"))).endsWith("astronaut.png\n");
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(CliRun.main("classify", "--model", "x", "--labels", "a", "--labels-file", "f",
                "img").exitCode()).isEqualTo(2);
        assertThat(CliRun.main("embed", "--model", "synthetic:ViT-B-16", "--out",
                dir.toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.main("bench", "encoder", "--model", "synthetic:RN50").exitCode()).isEqualTo(2);
    }
}
