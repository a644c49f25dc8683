package org.tca4j.convert;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import org.tca4j.vit.config.Activation;
import org.tca4j.vit.config.ClipConfig;
import org.tca4j.vit.config.PreprocessConfig;
import org.tca4j.vit.config.TextConfig;
import org.tca4j.vit.config.VisionConfig;
import org.tca4j.vit.weights.OpenClipKeys;

/**
 * Writes a full-size OpenCLIP ViT-B-16 checkpoint with seeded random float32 weights in the safetensors format
 * (302 tensors, 149,620,737 values, ~599 MB), for measuring conversion and loading at the real size.
 */
final class FullSizeCheckpoints {
    private FullSizeCheckpoints() {}

    /** OpenCLIP's ViT-B-16. */
    static ClipConfig vitB16() {
        return new ClipConfig(new VisionConfig(224, 16, 768, 12, 12, 3072, Activation.GELU, 1e-5f),
                new TextConfig(77, 49408, 512, 8, 12, 2048, Activation.GELU, 1e-5f), 512, PreprocessConfig.openai(224));
    }

    /** Writes the checkpoint (tensors in state_dict order); returns the number of values written. */
    static long writeSafetensors(Path file, long seed) throws IOException {
        Map<String, long[]> shapes = OpenClipKeys.expectedShapes(vitB16());
        StringJoiner header = new StringJoiner(",", "{", "}");
        long offset = 0;
        List<String> keys = new ArrayList<>(shapes.keySet());
        for (String key : keys) {
            long bytes = 4 * elements(shapes.get(key));
            StringJoiner shape = new StringJoiner(",", "[", "]");
            for (long side : shapes.get(key)) {
                shape.add(Long.toString(side));
            }
            header.add("\"" + key + "\":{\"dtype\":\"F32\",\"shape\":" + shape + ",\"data_offsets\":[" + offset + ","
                    + (offset + bytes) + "]}");
            offset += bytes;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(json);
            out.write(" ".repeat(padded - json.length).getBytes(StandardCharsets.US_ASCII));
            for (String key : keys) {
                long n = elements(shapes.get(key));
                SplittableRandom random = new SplittableRandom(seed ^ key.hashCode());
                ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
                for (long i = 0; i < n; i++) {
                    if (!chunk.hasRemaining()) {
                        out.write(chunk.array(), 0, chunk.position());
                        chunk.clear();
                    }
                    chunk.putFloat((random.nextFloat() - 0.5f) * 0.1f);
                }
                out.write(chunk.array(), 0, chunk.position());
            }
        }
        return offset / 4;
    }

    /** The first {@code count} values of tensor {@code key} as {@link #writeSafetensors} wrote them. */
    static float[] firstValues(long seed, String key, int count) {
        SplittableRandom random = new SplittableRandom(seed ^ key.hashCode());
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (random.nextFloat() - 0.5f) * 0.1f;
        }
        return out;
    }

    private static long elements(long[] shape) {
        long n = 1;
        for (long side : shape) {
            n *= side;
        }
        return n;
    }
}
