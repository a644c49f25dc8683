package org.tca4j.tca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code classify} on the committed micro model: template sets, skipped images, typed errors, exit codes. */
class ClassifyCommandTest {
    private static Session micro;

    @TempDir
    Path dir;

    @BeforeAll
    static void openModel() {
        micro = Sessions.open(CliRun.microModel().toString());
    }

    private CliRun.CountingSession counting() {
        return new CliRun.CountingSession(micro);
    }

    private CliRun classify(CliRun.CountingSession session, String... rest) {
        return CliRun.run(spec -> session, CliRun.prefixed(rest, "classify", "--model", "micro"));
    }

    @Test
    void imagenetTemplatesMakeEightyPromptsPerLabel() {
        CliRun.CountingSession session = counting();
        CliRun run = classify(session, "--labels", "horse,cat,car", "--templates", "imagenet",
                CliRun.photo("horse.png").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(session.tokenized()).hasValue(3 * 80);
        assertThat(run.out()).startsWith(CliRun.photo("horse.png").toString()).contains("%  horse").contains("%  car");
    }

    @Test
    void singleIsTheDefaultAndAFileGivesItsOwnTemplates() throws IOException {
        CliRun.CountingSession single = counting();
        assertThat(classify(single, "--labels", "horse,cat", CliRun.photo("horse.png").toString()).exitCode())
                .isZero();
        assertThat(single.tokenized()).hasValue(2);

        Path file = dir.resolve("templates.txt");
        Files.writeString(file, "a {} in the field\n\n  a drawing of a {}.  \n");
        CliRun.CountingSession fromFile = counting();
        CliRun run = classify(fromFile, "--labels", "horse,cat", "--templates", file.toString(),
                CliRun.photo("horse.png").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(fromFile.tokenized()).hasValue(4);
    }

    @Test
    void aTemplateWithoutPlaceholderIsAUsageErrorNamingTheLine() throws IOException {
        Path file = dir.resolve("templates.txt");
        Files.writeString(file, "a photo of a {}.\na photo of something\n");
        CliRun run = classify(counting(), "--labels", "a,b", "--templates", file.toString(),
                CliRun.photo("horse.png").toString()).assertNoStackTrace();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(file + ":2:").contains("a photo of something");
    }

    @Test
    void anUnknownTemplateSetIsAUsageError() {
        CliRun run = classify(counting(), "--labels", "a,b", "--templates", "imagenet-80",
                CliRun.photo("horse.png").toString()).assertNoStackTrace();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--templates imagenet-80").contains("single, imagenet or a file");
    }

    @Test
    void unreadableImagesAreReportedAndSkippedAndTheExitCodeSaysSo() throws IOException {
        Path photos = Files.createDirectory(dir.resolve("photos"));
        Files.copy(CliRun.photo("horse.png"), photos.resolve("b-horse.png"));
        Files.write(photos.resolve("a-garbage.png"), "not an image at all".getBytes());
        byte[] jpeg = Files.readAllBytes(CliRun.photo("grace_hopper.jpg"));
        Files.write(photos.resolve("c-truncated.jpg"), Arrays.copyOf(jpeg, 600));
        Files.writeString(photos.resolve("notes.txt"), "not listed: no image extension");

        CliRun run = classify(counting(), "--labels", "horse,cat", "--json", photos.toString()).assertNoStackTrace();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().lines().toList()).singleElement().asString()
                .startsWith("{\"image\": \"" + photos.resolve("b-horse.png") + "\", \"top\": [{\"label\": ");
        assertThat(run.err()).contains("skipped " + photos.resolve("a-garbage.png") + ": ")
                .contains("skipped " + photos.resolve("c-truncated.jpg") + ": ")
                .contains("2 of 3 images could not be read")
                .doesNotContain("notes.txt");
    }

    @Test
    void aMissingLabelsFileIsAUsageErrorNamingIt() {
        Path missing = dir.resolve("labels.txt");
        CliRun run = classify(counting(), "--labels-file", missing.toString(), CliRun.photo("horse.png").toString())
                .assertNoStackTrace();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--labels-file " + missing).contains("no such file");
    }

    @Test
    void aMissingImageIsAUsageErrorBeforeTheModelLoads() {
        CliRun run = CliRun.run(spec -> {
            throw new AssertionError("the model must not be opened");
        }, "classify", "--model", "m", "--labels", "a,b", dir.resolve("nope.png").toString()).assertNoStackTrace();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no such file or directory: " + dir.resolve("nope.png"));
    }

    @Test
    void aDamagedModelFileFailsWithItsNameAndNoStackTrace() throws IOException {
        Path model = dir.resolve("model.tca4j");
        Files.write(model, new byte[4096]);
        CliRun run = CliRun.run("classify", "--model", model.toString(), "--labels", "a,b",
                CliRun.photo("horse.png").toString()).assertNoStackTrace();
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("tca4j classify: ").contains(model.toString());
    }

    @Test
    void jsonAndCsvTogetherAreAUsageError() {
        CliRun run = classify(counting(), "--labels", "a,b", "--json", "--csv", CliRun.photo("horse.png").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("choose one of --json and --csv");
    }
}
