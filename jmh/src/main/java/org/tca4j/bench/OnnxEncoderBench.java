package org.tca4j.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;
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

/**
 * The encoder peer: ONNX Runtime's Java API running CLIP ViT-B/16 exported by {@code jmh/scripts/export_onnx.py}
 * from the same checkpoint tca4j converts. Image encoder at batch 1 and 8 (224×224), text encoder for 1 and 100
 * prompts, on 1 and 2 intra-op threads; milliseconds per call.
 *
 * <p>The models are read from {@link OnnxModels#dir()}. Every setup first runs the export's example inputs and
 * compares the features with torch's (cosine ≥ 0.99999 per row), so the peer is known to run the same model.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsPrepend = {JvmArgs.VECTOR, JvmArgs.NATIVE, JvmArgs.GC})
public class OnnxEncoderBench {

    /** One ONNX Runtime session on {@code threads} intra-op threads. */
    @State(Scope.Benchmark)
    public abstract static class Session {
        @Param({"1", "2"})
        public int threads;

        OrtEnvironment env;
        OrtSession session;

        void open(String file) throws OrtException {
            env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(threads);
                options.setInterOpNumThreads(1);
                options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                session = env.createSession(OnnxModels.file(file).toString(), options);
            }
        }

        /** Runs the session on one input; returns the features {@code [rows, 512]}. */
        float[][] run(String inputName, OnnxTensor input) throws OrtException {
            try (OrtSession.Result result = session.run(Map.of(inputName, input))) {
                return (float[][]) result.get(0).getValue();
            }
        }

        @TearDown(Level.Trial)
        public void close() throws OrtException {
            session.close();
        }
    }

    /** The image encoder and a batch of {@code batch} images. */
    @State(Scope.Benchmark)
    public static class Images extends Session {
        @Param({"1", "8"})
        public int batch;

        OnnxTensor pixels;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            open("image_encoder.onnx");
            float[] example = OnnxModels.floats("image_input.raw");
            try (OnnxTensor check = OnnxTensor.createTensor(env, FloatBuffer.wrap(example),
                    new long[] {2, 3, 224, 224})) {
                OnnxModels.verify("ONNX Runtime image encoder", run("pixels", check),
                        OnnxModels.floats("image_features.raw"));
            }
            float[] images = new float[batch * 3 * 224 * 224];
            for (int i = 0; i < batch; i++) {
                System.arraycopy(example, (i % 2) * 3 * 224 * 224, images, i * 3 * 224 * 224, 3 * 224 * 224);
            }
            pixels = OnnxTensor.createTensor(env, FloatBuffer.wrap(images), new long[] {batch, 3, 224, 224});
        }
    }

    /** The text encoder and {@code prompts} tokenized prompts. */
    @State(Scope.Benchmark)
    public static class Texts extends Session {
        @Param({"1", "100"})
        public int prompts;

        OnnxTensor tokens;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            open("text_encoder.onnx");
            long[] example = OnnxModels.longs("text_input.raw");
            try (OnnxTensor check = OnnxTensor.createTensor(env, LongBuffer.wrap(example), new long[] {2, 77})) {
                OnnxModels.verify("ONNX Runtime text encoder", run("tokens", check),
                        OnnxModels.floats("text_features.raw"));
            }
            long[] ids = new long[prompts * 77];
            for (int i = 0; i < prompts; i++) {
                System.arraycopy(example, (i % 2) * 77, ids, i * 77, 77);
            }
            tokens = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {prompts, 77});
        }
    }

    @Benchmark
    public float[][] image(Images s) throws OrtException {
        return s.run("pixels", s.pixels);
    }

    @Benchmark
    public float[][] text(Texts s) throws OrtException {
        return s.run("tokens", s.tokens);
    }
}
