package org.tca4j.tca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tca4j.tca.data.DataFiles;
import org.tca4j.tca.eval.DefaultModel;

/** {@code eval} end to end with the embedded demo model on 12 real Fashion-MNIST images (IDX files). */
class EvalCommandTest {
    @TempDir
    Path dir;

    private static CliRun eval(String... argv) {
        return CliRun.main(CliRun.prefixed(argv, "eval"));
    }

    private Path fashionMnistSample() {
        DataFiles.RealImages real = DataFiles.fashionMnistSample();
        Path data = dir.resolve("fmnist");
        DataFiles.write(data.resolve("t10k-images-idx3-ubyte.gz"),
                DataFiles.gzip(DataFiles.idxImages(Arrays.copyOf(real.images(), 12), 28, 28)));
        DataFiles.write(data.resolve("t10k-labels-idx1-ubyte.gz"),
                DataFiles.gzip(DataFiles.idxLabels(Arrays.copyOf(real.labels(), 12))));
        return data;
    }

    @Test
    void sameSeedGivesByteIdenticalResultsAndResumeContinuesTheTcaStream() throws Exception {
        Path data = fashionMnistSample();
        String model = DefaultModel.find().toString();
        List<String> files = List.of("results.md", "results.csv", "results.json", "predictions.csv");
        String[] common = {"--model", model, "--dataset", "fashion-mnist:" + data, "--shift", "gaussian:3",
                "--methods", "zero-shot,tca-0.105", "--seed", "3", "--no-progress", "--checkpoint-every", "4"};

        CliRun a = eval(concat(common, "--out", dir.resolve("a").toString()));
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(a.out()).contains("| zero-shot | 12 |").contains("| tca-0.105 | 12 |").contains("50×3 → 38×3");
        CliRun b = eval(concat(common, "--out", dir.resolve("b").toString()));
        assertThat(b.exitCode()).as(b.err()).isZero();
        for (String f : files) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(f))).as(f)
                    .isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(f)));
        }

        // an interrupted run: the first 5 images, then --resume over all 12 from the checkpoints (TCA's reservoir)
        Path c = dir.resolve("c");
        assertThat(eval(concat(common, "--out", c.toString(), "--limit", "5")).exitCode()).isZero();
        CliRun resumed = eval(concat(common, "--out", c.toString(), "--resume"));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        for (String f : files) {
            assertThat(Files.readString(c.resolve(f))).as(f).isEqualTo(Files.readString(dir.resolve("a").resolve(f)));
        }
    }

    @Test
    void badDatasetAndShiftAreReportedWithoutAStackTrace() {
        CliRun missing = eval("--dataset", "cifar10:" + dir.resolve("nowhere"), "--no-progress");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("nowhere").contains("no such directory").doesNotContain("Exception");
        CliRun shift = eval("--dataset", "fashion-mnist:" + fashionMnistSample(), "--shift", "fog:3");
        assertThat(shift.exitCode()).isEqualTo(1);
        assertThat(shift.err()).contains("unknown corruption 'fog'");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
