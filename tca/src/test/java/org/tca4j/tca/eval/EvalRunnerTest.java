package org.tca4j.tca.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tca4j.tca.data.ByteImage;
import org.tca4j.tca.data.ImageDataset;
import org.tca4j.tca.data.LabeledImage;

class EvalRunnerTest {
    @TempDir
    Path dir;

    /** 50 one-pixel images whose value is the index; label = index mod 3. */
    static final ImageDataset DATA = new ImageDataset() {
        @Override
        public String description() {
            return "toy";
        }

        @Override
        public int size() {
            return 50;
        }

        @Override
        public List<String> classNames() {
            return List.of("a", "b", "c");
        }

        @Override
        public LabeledImage get(int index) {
            return new LabeledImage(new ByteImage(1, 1, 1, new byte[] {(byte) index}), index % 3);
        }
    };

    /** Stateless: predicts value mod 3 except every 5th; costs 1 + value/100 GFLOPs; 10 then 6 tokens. */
    static final class Exact implements StreamMethod {
        @Override
        public String name() {
            return "exact";
        }

        @Override
        public Prediction classify(ByteImage image) {
            int v = image.sample(0);
            return new Prediction(v % 5 == 0 ? (v + 1) % 3 : v % 3, 1 + v / 100.0, new int[] {10, 10, 6});
        }

        @Override
        public void reset() {}
    }

    /** Stateful: predicts the label of the previous image (value of the previous image mod 3). */
    static class Previous implements StreamMethod {
        int previous = -1;
        int classified;

        @Override
        public String name() {
            return "previous";
        }

        @Override
        public Prediction classify(ByteImage image) {
            int p = previous < 0 ? 0 : previous % 3;
            previous = image.sample(0);
            classified++;
            return new Prediction(p, 0.5, new int[] {10, 8, 7 + (previous % 2)});
        }

        @Override
        public void reset() {
            previous = -1;
        }

        @Override
        public byte[] saveState() {
            return ByteBuffer.allocate(4).putInt(previous).array();
        }

        @Override
        public void restoreState(byte[] state) {
            previous = ByteBuffer.wrap(state).getInt();
        }
    }

    private static final EvalSettings SETTINGS = new EvalSettings("toy-model", "toy", "none", "toy", 7, 40);

    private EvalRunner.Outcome run(Path out, boolean resume, List<StreamMethod> methods) throws IOException {
        return EvalRunner.run(SETTINGS, DATA, methods, new EvalRunner.Options(out, resume, 8, null, false));
    }

    @Test
    void everyMethodSeesTheSameSeededStreamAndTheTotalsAreExact() throws IOException {
        EvalRunner.Outcome o = run(dir, false, List.of(new Exact(), new Previous()));
        int[] order = StreamOrder.of(50, 7, 40);
        assertThat(o.streamIndices()).containsExactly(order);
        assertThat(IntStream.of(order).distinct().count()).isEqualTo(40);
        MethodResult exact = o.results().get(0);
        long wrong = IntStream.of(order).filter(v -> v % 5 == 0).count();
        assertThat(exact.images()).isEqualTo(40);
        assertThat(exact.correct()).isEqualTo(40 - (int) wrong);
        assertThat(exact.meanGflops()).isCloseTo(1 + IntStream.of(order).sum() / 100.0 / 40, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(exact.schedule()).isEqualTo("10×2 → 6×1");
        int previousCorrect = 0;
        for (int i = 0; i < 40; i++) {
            int predicted = i == 0 ? 0 : order[i - 1] % 3;
            previousCorrect += predicted == order[i] % 3 ? 1 : 0;
            assertThat(o.predictions().get(1)[i]).isEqualTo(predicted);
        }
        assertThat(o.results().get(1).correct()).isEqualTo(previousCorrect);
    }

    @Test
    void resumeAfterAnInterruptionGivesTheSameResultWithoutRepeatingImages() throws IOException {
        EvalRunner.Outcome straight = run(dir.resolve("straight"), false, List.of(new Exact(), new Previous()));

        Path out = dir.resolve("interrupted");
        Previous failing = new Previous() {
            @Override
            public Prediction classify(ByteImage image) {
                if (classified == 19) {
                    throw new IllegalStateException("simulated crash at image 19");
                }
                return super.classify(image);
            }
        };
        assertThatThrownBy(() -> run(out, false, List.of(new Exact(), failing))).hasMessageContaining("simulated");
        Previous resumed = new Previous();
        EvalRunner.Outcome o = run(out, true, List.of(new Exact(), resumed));
        assertThat(resumed.classified).as("images classified after the resume").isEqualTo(21);
        assertThat(o.predictions().get(1)).containsExactly(straight.predictions().get(1));
        assertThat(o.predictions().get(0)).containsExactly(straight.predictions().get(0));
        assertThat(o.labels()).containsExactly(straight.labels());
        for (int k = 0; k < 2; k++) {
            assertThat(o.results().get(k).correct()).isEqualTo(straight.results().get(k).correct());
            assertThat(o.results().get(k).meanGflops()).isEqualTo(straight.results().get(k).meanGflops());
            assertThat(o.results().get(k).meanTokens()).containsExactly(straight.results().get(k).meanTokens());
        }
    }

    @Test
    void resultFilesAreByteIdenticalAcrossRunsAndTimingIsSeparate() throws IOException {
        List<byte[]> first = new ArrayList<>();
        for (String run : List.of("one", "two")) {
            Path out = dir.resolve(run);
            EvalRunner.Outcome o = run(out, false, List.of(new Exact(), new Previous()));
            Reports.writeAll(out, SETTINGS, DATA.description(), o, DATA.classNames(), "test machine");
            for (String f : List.of("results.md", "results.csv", "results.json", "predictions.csv", "accuracy-gflops.png")) {
                byte[] bytes = Files.readAllBytes(out.resolve(f));
                if (run.equals("one")) {
                    first.add(bytes);
                } else {
                    assertThat(bytes).as(f).isEqualTo(first.get(List.of("results.md", "results.csv", "results.json",
                            "predictions.csv", "accuracy-gflops.png").indexOf(f)));
                }
            }
            assertThat(Files.readString(out.resolve("timing.csv"))).startsWith("method,images,seconds");
        }
        String csv = Files.readString(dir.resolve("one/results.csv"));
        assertThat(csv).contains("exact,40,").doesNotContain("seconds");
        assertThat(Files.readString(dir.resolve("one/results.json"))).contains("\"schedule\": \"10×2 → 6×1\"");
        assertThat(ImageIO.read(dir.resolve("one/accuracy-gflops.png").toFile()).getWidth()).isEqualTo(AccuracyPlot.WIDTH);
    }

    @Test
    void checkpointOfOtherSettingsIsRefusedAndADamagedOneIsATypedError() throws IOException {
        run(dir, false, List.of(new Exact()));
        EvalSettings other = new EvalSettings("toy-model", "toy", "none", "toy", 8, 40);
        assertThatThrownBy(() -> EvalRunner.run(other, DATA, List.of(new Exact()),
                new EvalRunner.Options(dir, true, 8, null, false))).hasMessageContaining("made with other settings");
        Path ckpt = dir.resolve("checkpoints/exact.ckpt");
        String text = Files.readString(ckpt);
        Files.writeString(ckpt, text.replaceFirst("done \\d+", "done 39"));
        assertThatThrownBy(() -> run(dir, true, List.of(new Exact()))).hasMessageContaining("inconsistent");
        Files.writeString(ckpt, "garbage");
        assertThatThrownBy(() -> run(dir, true, List.of(new Exact()))).hasMessageContaining("not a tca4j eval checkpoint");
    }
}
