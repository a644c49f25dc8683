package org.tca4j.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.vit.io.ModelFile;
import org.tca4j.vit.model.Clip;

/**
 * tca4j's side of the encoder table: the same cases as {@link OnnxEncoderBench} (image batch 1 and 8, text 1 and
 * 100 prompts, 1 and 2 threads), on {@code synthetic-vit-b-16.tca4j}, the model file tca4j's converter made from the
 * checkpoint the ONNX models were exported from. Every setup first encodes the export's example inputs and compares
 * the features with torch's (cosine ≥ 0.99999 per row), so both engines provably run the same model.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsPrepend = {JvmArgs.VECTOR, JvmArgs.NATIVE, JvmArgs.GC, "-Xmx3g"})
public class TcaEncoderBench {
    /** The model file converted from the export's checkpoint. */
    static final String MODEL = "synthetic-vit-b-16.tca4j";

    /** The model, mapped once, and the thread count. */
    @State(Scope.Benchmark)
    public abstract static class Model {
        @Param({"1", "2"})
        public int threads;

        ModelFile file;
        Clip clip;
        EncoderThreads runner;

        void open() throws IOException {
            file = ModelFile.open(OnnxModels.file(MODEL));
            clip = Clip.load(file);
            runner = new EncoderThreads(clip, threads);
        }

        @TearDown(Level.Trial)
        public void close() {
            runner.close();
            file.close();
        }
    }

    /** {@code batch} preprocessed images {@code [batch, 3·224·224]}. */
    @State(Scope.Benchmark)
    public static class Images extends Model {
        @Param({"1", "8"})
        public int batch;

        FloatMatrix pixels;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            open();
            float[] example = OnnxModels.floats("image_input.raw"); // [2, 3, 224, 224]
            int size = example.length / 2;
            OnnxModels.verify("tca4j image encoder", rows(runner.images(FloatMatrix.wrap(example, 2, size))),
                    OnnxModels.floats("image_features.raw"));
            float[] images = new float[batch * size];
            for (int i = 0; i < batch; i++) {
                System.arraycopy(example, (i % 2) * size, images, i * size, size);
            }
            pixels = FloatMatrix.wrap(images, batch, size);
        }
    }

    /** {@code prompts} tokenized prompts of 77 ids. */
    @State(Scope.Benchmark)
    public static class Texts extends Model {
        @Param({"1", "100"})
        public int prompts;

        int[][] tokens;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            open();
            long[] example = OnnxModels.longs("text_input.raw"); // [2, 77]
            int[][] two = new int[2][77];
            for (int i = 0; i < example.length; i++) {
                two[i / 77][i % 77] = Math.toIntExact(example[i]);
            }
            OnnxModels.verify("tca4j text encoder", rows(runner.texts(two)), OnnxModels.floats("text_features.raw"));
            tokens = new int[prompts][];
            for (int i = 0; i < prompts; i++) {
                tokens[i] = two[i % 2].clone();
            }
        }
    }

    static float[][] rows(FloatMatrix m) {
        float[][] out = new float[m.rows()][];
        for (int r = 0; r < m.rows(); r++) {
            out[r] = m.rowArray(r);
        }
        return out;
    }

    @Benchmark
    public FloatMatrix image(Images s) {
        return s.runner.images(s.pixels);
    }

    @Benchmark
    public FloatMatrix text(Texts s) {
        return s.runner.texts(s.tokens);
    }
}
