package org.tca4j.vit.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tca4j.vit.config.Activation;
import org.tca4j.vit.config.ClipConfig;
import org.tca4j.vit.config.PreprocessConfig;
import org.tca4j.vit.config.TextConfig;
import org.tca4j.vit.config.VisionConfig;
import org.tca4j.vit.weights.OpenClipKeys;

/** Small model files with seeded random weights, written by {@link ModelFileWriter}, for the loader's tests. */
final class SyntheticModels {
    private SyntheticModels() {}

    /** A toy config: 32 px images in 16 px patches (5 tokens), width 8, one block per tower, 600-token vocabulary. */
    static ClipConfig toyConfig() {
        return new ClipConfig(new VisionConfig(32, 16, 8, 1, 2, 16, Activation.QUICK_GELU, 1e-5f),
                new TextConfig(4, 600, 4, 1, 1, 8, Activation.QUICK_GELU, 1e-5f), 4, PreprocessConfig.openai(32));
    }

    /** 512 byte symbols, 86 merges, two special tokens. */
    static TokenizerData toyTokenizer() {
        List<String> merges = new ArrayList<>();
        List<String> vocabulary = new ArrayList<>();
        for (int i = 0; i < 512; i++) {
            vocabulary.add("b" + i);
        }
        for (int i = 0; i < 86; i++) {
            merges.add("b" + i + " b" + (i + 1));
            vocabulary.add("b" + i + "b" + (i + 1));
        }
        vocabulary.add("<start_of_text>");
        vocabulary.add("<end_of_text>");
        return new TokenizerData(merges, vocabulary, 598, 599);
    }

    static Provenance provenance() {
        return new Provenance("toy.bin", "00".repeat(32), "test", "toy", "", "tca4j-test");
    }

    /** Random values per tensor, seeded; the dtype of each tensor cycles f32, f16, bf16 when {@code mixed}. */
    static Map<String, float[]> write(Path file, ClipConfig config, long seed, boolean mixed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, float[]> values = new java.util.LinkedHashMap<>();
        List<ModelFileWriter.Entry> entries = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, long[]> e : OpenClipKeys.expectedShapes(config).entrySet()) {
            TensorDType dtype = mixed ? TensorDType.values()[i++ % 3] : TensorDType.F32;
            long n = 1;
            for (long side : e.getValue()) {
                n *= side;
            }
            float[] v = new float[(int) n];
            for (int k = 0; k < v.length; k++) {
                v[k] = representable((float) random.nextGaussian(), dtype);
            }
            values.put(e.getKey(), v);
            entries.add(new ModelFileWriter.Entry(e.getKey(), dtype, e.getValue(), out -> out.write(encode(v, dtype))));
        }
        ModelFileWriter.write(file, config, toyTokenizer(), provenance(), entries);
        return values;
    }

    /** The value {@code v} becomes when stored as {@code dtype} and read back. */
    static float representable(float v, TensorDType dtype) {
        return switch (dtype) {
            case F32 -> v;
            case F16 -> Float.float16ToFloat(Float.floatToFloat16(v));
            case BF16 -> TensorDType.bf16ToFloat(TensorDType.floatToBf16(v));
        };
    }

    static byte[] encode(float[] v, TensorDType dtype) {
        ByteBuffer b = ByteBuffer.allocate(v.length * dtype.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            switch (dtype) {
                case F32 -> b.putFloat(x);
                case F16 -> b.putShort(Float.floatToFloat16(x));
                case BF16 -> b.putShort(TensorDType.floatToBf16(x));
            }
        }
        return b.array();
    }
}
