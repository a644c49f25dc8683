package org.tca4j.tca.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.tca4j.core.testing.Npy;
import org.tca4j.core.testing.TestData;

/** Writes small dataset files in the real formats for the reader tests, and loads the committed real images. */
public final class DataFiles {
    private DataFiles() {}

    /** The 80 real Fashion-MNIST t10k images of the TCA golden stream, [80][784], and their Fashion-MNIST labels. */
    public record RealImages(byte[][] images, int[] labels) {}

    public static RealImages fashionMnistSample() {
        Npy npy = TestData.npy("tca/inputs/fmnist_u8.npy");
        long[] values = npy.longs();
        byte[][] images = new byte[npy.shape()[0]][28 * 28];
        for (int i = 0; i < images.length; i++) {
            for (int p = 0; p < 784; p++) {
                images[i][p] = (byte) values[i * 784 + p];
            }
        }
        try {
            String json = Files.readString(TestData.path("tca/stream.json"));
            Matcher m = Pattern.compile("\"labels_fmnist\"\\s*:\\s*\\[([^]]*)]").matcher(json);
            if (!m.find()) {
                throw new IllegalStateException("tca/stream.json has no labels_fmnist");
            }
            int[] labels = Arrays.stream(m.group(1).split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
            return new RealImages(images, labels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An IDX3 image file of {@code images} (each rows·cols bytes). */
    public static byte[] idxImages(byte[][] images, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + images.length * rows * cols).order(ByteOrder.BIG_ENDIAN);
        b.putInt(0x803).putInt(images.length).putInt(rows).putInt(cols);
        for (byte[] image : images) {
            b.put(image);
        }
        return b.array();
    }

    /** An IDX1 label file. */
    public static byte[] idxLabels(int[] labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length).order(ByteOrder.BIG_ENDIAN);
        b.putInt(0x801).putInt(labels.length);
        for (int l : labels) {
            b.put((byte) l);
        }
        return b.array();
    }

    public static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(data);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A version-1 {@code .npy} file with dtype {@code descr} (e.g. {@code |u1}, {@code <i8}) and raw data. */
    public static byte[] npy(String descr, long[] shape, byte[] data) {
        String dims = shape.length == 1 ? shape[0] + "," : String.join(", ",
                Arrays.stream(shape).mapToObj(Long::toString).toList());
        StringBuilder header = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': ("
                + dims + "), }");
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.toString().getBytes(StandardCharsets.ISO_8859_1)).put(data);
        return b.array();
    }

    public static Path write(Path file, byte[] data) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
