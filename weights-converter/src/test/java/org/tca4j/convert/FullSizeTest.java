package org.tca4j.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.core.testing.TestData;
import org.tca4j.vit.io.ModelFile;

/**
 * Converts and loads a full-size random ViT-B-16 (~599 MB) and prints convert time, load time and resident memory.
 * Too big for every run: only in the {@code full-size} profile,
 * {@code mvn -B -pl weights-converter -am verify -Pfull-size -Dtest=FullSizeTest}. Files go to {@code generated/}.
 */
@Tag("full-size")
class FullSizeTest {
    private static final long SEED = 16;

    @Test
    void fullSizeViTB16ConvertsAndLoads() throws Exception {
        Path dir = TestData.root().resolveSibling("generated").resolve("full-size");
        Files.createDirectories(dir);
        Path source = dir.resolve("vit-b-16-random.safetensors");
        Path target = dir.resolve("vit-b-16-random.tca4j");
        long values = FullSizeCheckpoints.writeSafetensors(source, SEED);
        assertThat(values).isEqualTo(149_620_737L);

        long t0 = System.nanoTime();
        Converter.convert(source, target, ConvertOptions.DEFAULTS.withModel("ViT-B-16"));
        long convertNanos = System.nanoTime() - t0;

        System.gc();
        long rssBefore = rssKb();
        long t1 = System.nanoTime();
        try (ModelFile model = ModelFile.open(target)) {
            long loadNanos = System.nanoTime() - t1;
            long rssAfterOpen = rssKb();
            double sum = 0;
            for (String key : model.tensorNames()) {
                FloatMatrix m = model.tensor(key);
                for (long i = 0; i < m.size(); i += 1024) { // one float per 4 KiB page: maps every page in
                    sum += m.at(i);
                }
            }
            long rssAfterTouch = rssKb();
            for (String key : new String[] {"visual.conv1.weight", "token_embedding.weight", "logit_scale"}) {
                float[] expected = FullSizeCheckpoints.firstValues(SEED, key, 1);
                assertThat(model.tensor(key).at(0)).as(key).isEqualTo(expected[0]);
            }
            assertThat(model.config()).usingRecursiveComparison().isEqualTo(FullSizeCheckpoints.vitB16());
            System.out.printf("full-size ViT-B-16: source %d MB, model file %d MB; convert %.1f s; open %.0f ms;"
                            + " VmRSS %d MB before open, %d MB after open, %d MB after touching every page (checksum %.3f)%n",
                    Files.size(source) >> 20, Files.size(target) >> 20, convertNanos / 1e9, loadNanos / 1e6,
                    rssBefore >> 10, rssAfterOpen >> 10, rssAfterTouch >> 10, sum);
        }
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
