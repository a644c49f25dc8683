package org.tca4j.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tca4j.core.testing.Mutations;
import org.tca4j.core.testing.TestData;
import org.tca4j.vit.io.TokenizerData;

/**
 * Seeded corruptions of every input format (and of the config file beside it): each case converts (all the way
 * through the tensor bytes) or fails with a {@link CheckpointException} naming the file, quickly; nothing else may
 * escape.
 */
class ConverterMutationTest {
    /** Fixed for reproducible runs; {@code -Dtca4j.mutation.seed=N} explores other sequences. */
    private static final long SEED = Long.getLong("tca4j.mutation.seed", 20251202L);

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "open_clip_pytorch_model.bin, 400",
        "epoch_1.pt, 400",
        "open_clip_model.safetensors, 400",
        "hf_model.safetensors, 400",
        "open_clip_config.json, 200",
    })
    void everyCorruptionConvertsOrFailsWithTheTypedError(String name, int cases) throws Exception {
        Path model = TestData.path("openclip/models/micro-quickgelu");
        Files.copy(model.resolve(ConfigFile.OPEN_CLIP_NAME), dir.resolve(ConfigFile.OPEN_CLIP_NAME),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(model.resolve(ConfigFile.HF_NAME), dir.resolve(ConfigFile.HF_NAME));
        boolean configCase = name.endsWith(".json");
        Path checkpoint = dir.resolve(configCase ? "open_clip_pytorch_model.bin" : name);
        if (configCase) {
            Files.copy(model.resolve("open_clip_pytorch_model.bin"), checkpoint);
        }
        Path mutated = dir.resolve(name);
        byte[] original = Files.readAllBytes(model.resolve(name));
        int[] hot = hotRegions(name, original);
        TokenizerData tokenizer = BpeVocabulary.bundled();
        int[] outcomes = new int[2];
        long[] slowest = {0};
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < cases; i++) {
                Mutations.Case c = Mutations.mutate(original, SEED, i, hot);
                Files.write(mutated, c.bytes());
                long start = System.nanoTime();
                try {
                    Converter.check(checkpoint, ConvertOptions.DEFAULTS, tokenizer);
                    outcomes[0]++;
                } catch (CheckpointException e) {
                    assertThat(e.getMessage()).as("%s case %d (seed %d): %s", name, i, SEED, c.description())
                            .startsWith((e.getMessage().startsWith(mutated.toString()) ? mutated : checkpoint) + ": ");
                    outcomes[1]++;
                } catch (Throwable t) {
                    fail(name + " case " + i + " (seed " + SEED + "): " + c.description() + " threw " + t, t);
                }
                slowest[0] = Math.max(slowest[0], System.nanoTime() - start);
            }
        });
        System.out.printf("%s mutations: %d cases (seed %d), %d converted, %d rejected, slowest %.1f ms%n",
                name, cases, SEED, outcomes[0], outcomes[1], slowest[0] / 1e6);
        assertThat(outcomes[1]).as("rejected cases").isGreaterThan(cases / 4);
        assertThat(slowest[0]).as("slowest case").isLessThan(Duration.ofSeconds(5).toNanos());
    }

    /** Where each format keeps its structure: zip pickle and central directory, safetensors header, all of a JSON. */
    private static int[] hotRegions(String name, byte[] bytes) {
        if (name.endsWith(".safetensors")) {
            long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            return new int[] {0, (int) (8 + n)};
        }
        if (name.endsWith(".json")) {
            return new int[] {0, bytes.length};
        }
        return new int[] {0, 16384, bytes.length - 8192, bytes.length};
    }
}
