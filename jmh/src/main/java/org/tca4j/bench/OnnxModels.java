package org.tca4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the exported ONNX models and their check data live, and the check itself.
 *
 * <p>The folder is {@code -Dtca4j.onnx.dir}, else the environment variable {@code TCA4J_ONNX_DIR} (JMH forks inherit
 * the environment), else {@code generated/onnx} under the working directory.
 */
final class OnnxModels {
    /** The smallest cosine accepted between ONNX Runtime's and torch's features. */
    static final double MIN_COSINE = 0.99999;

    private OnnxModels() {}

    static Path dir() {
        String dir = System.getProperty("tca4j.onnx.dir", System.getenv("TCA4J_ONNX_DIR"));
        return Path.of(dir == null ? "generated/onnx" : dir).toAbsolutePath();
    }

    /** A file of the export; throws saying how to make it when it is missing. */
    static Path file(String name) {
        Path p = dir().resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " is missing: export the models first with "
                    + "/usr/bin/python3 jmh/scripts/export_onnx.py --out " + dir() + " (needs python3-torch)");
        }
        return p;
    }

    static float[] floats(String name) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file(name))).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    static long[] longs(String name) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file(name))).order(ByteOrder.LITTLE_ENDIAN);
            long[] out = new long[b.remaining() / 8];
            b.asLongBuffer().get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compares each row of {@code got} with the same row of {@code expected} (row-major) by cosine. */
    static void verify(String what, float[][] got, float[] expected) {
        int cols = got[0].length;
        if ((long) got.length * cols != expected.length) {
            throw new IllegalStateException(what + ": " + got.length + "×" + cols + " features, expected "
                    + expected.length + " values");
        }
        for (int r = 0; r < got.length; r++) {
            double dot = 0, a = 0, b = 0;
            for (int c = 0; c < cols; c++) {
                double x = got[r][c], y = expected[r * cols + c];
                dot += x * y;
                a += x * x;
                b += y * y;
            }
            double cosine = dot / Math.sqrt(a * b);
            if (!(cosine >= MIN_COSINE)) {
                throw new IllegalStateException(String.format("%s: row %d has cosine %.7f to torch's features "
                        + "(limit %.5f)", what, r, cosine, MIN_COSINE));
            }
        }
    }
}
