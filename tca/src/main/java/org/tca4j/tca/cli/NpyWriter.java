package org.tca4j.tca.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.io.AtomicFiles;

/**
 * Writes 2-D arrays in NumPy's {@code .npy} format 1.0 (little-endian, C order), so embeddings load with
 * {@code numpy.load}. Every file is written whole to a temporary file and renamed into place.
 */
final class NpyWriter {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    /** NumPy aligns the data to this many bytes. */
    private static final int ALIGN = 64;

    private NpyWriter() {}

    /** {@code matrix} as {@code <f4 [rows, cols]}. */
    static void writeFloat32(Path file, FloatMatrix matrix) throws IOException {
        ByteBuffer body = ByteBuffer.allocate(Math.toIntExact(4 * matrix.size())).order(ByteOrder.LITTLE_ENDIAN);
        for (long i = 0; i < matrix.size(); i++) {
            body.putFloat(matrix.at(i));
        }
        write(file, "<f4", matrix.rows(), matrix.cols(), body.array());
    }

    /** Rows of {@code cols} ints as {@code <i4 [rows.length, cols]}. */
    static void writeInt32(Path file, int[][] rows, int cols) throws IOException {
        ByteBuffer body = ByteBuffer.allocate(Math.multiplyExact(4 * rows.length, cols)).order(ByteOrder.LITTLE_ENDIAN);
        for (int[] row : rows) {
            if (row.length != cols) {
                throw new IllegalArgumentException("row of " + row.length + " ints, expected " + cols);
            }
            for (int v : row) {
                body.putInt(v);
            }
        }
        write(file, "<i4", rows.length, cols, body.array());
    }

    /** The header: magic, version 1.0, length, the dict padded with spaces to the alignment, newline. */
    static byte[] header(String descr, int rows, int cols) {
        String dict = String.format(Locale.ROOT, "{'descr': '%s', 'fortran_order': False, 'shape': (%d, %d), }",
                descr, rows, cols);
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        int padding = (ALIGN - unpadded % ALIGN) % ALIGN;
        String text = dict + " ".repeat(padding) + "\n";
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 2 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putShort((short) text.length()).put(text.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    private static void write(Path file, String descr, int rows, int cols, byte[] body) throws IOException {
        byte[] head = header(descr, rows, cols);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        AtomicFiles.write(file, all);
    }
}
