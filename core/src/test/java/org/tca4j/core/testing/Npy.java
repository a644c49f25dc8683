package org.tca4j.core.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy {@code .npy} files (format 1.0/2.0, C order, little-endian {@code f4 f2 i8 i4 u1}) for golden tests.
 *
 * @param dtype the NumPy type string without the byte order, e.g. {@code f4}
 * @param shape the array's shape
 * @param data the raw little-endian element bytes
 */
public record Npy(String dtype, int[] shape, ByteBuffer data) {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<>|=])(\\w+)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    public static Npy read(Path file) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            byte[] magic = new byte[6];
            b.get(magic);
            if (!Arrays.equals(magic, "\u0093NUMPY".getBytes(StandardCharsets.ISO_8859_1))) {
                throw new IllegalArgumentException(file + ": not an .npy file");
            }
            int major = b.get();
            b.get();
            int headerLen = major == 1 ? Short.toUnsignedInt(b.getShort()) : b.getInt();
            byte[] header = new byte[headerLen];
            b.get(header);
            String h = new String(header, StandardCharsets.ISO_8859_1);
            Matcher d = DESCR.matcher(h), o = ORDER.matcher(h), s = SHAPE.matcher(h);
            if (!d.find() || !o.find() || !s.find() || o.group(1).equals("True") || d.group(1).equals(">")) {
                throw new IllegalArgumentException(file + ": unsupported header " + h);
            }
            int[] shape = Arrays.stream(s.group(1).split(",")).map(String::strip).filter(x -> !x.isEmpty())
                    .mapToInt(Integer::parseInt).toArray();
            return new Npy(d.group(2), shape, b.slice().order(ByteOrder.LITTLE_ENDIAN));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read golden " + file, e);
        }
    }

    /** Number of elements. */
    public long size() {
        long n = 1;
        for (int v : shape) {
            n *= v;
        }
        return n;
    }

    /** The elements as float32 (from f4, or exactly widened from f2). */
    public float[] floats() {
        float[] out = new float[Math.toIntExact(size())];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (dtype) {
                case "f4" -> data.getFloat(4 * i);
                case "f2" -> Float.float16ToFloat(data.getShort(2 * i));
                case "f8" -> (float) data.getDouble(8 * i);
                default -> throw new IllegalStateException("dtype " + dtype + " is not floating point");
            };
        }
        return out;
    }

    /** The elements as long (from i8, i4, u1). */
    public long[] longs() {
        long[] out = new long[Math.toIntExact(size())];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (dtype) {
                case "i8" -> data.getLong(8 * i);
                case "i4" -> data.getInt(4 * i);
                case "u1" -> Byte.toUnsignedInt(data.get(i));
                default -> throw new IllegalStateException("dtype " + dtype + " is not integral");
            };
        }
        return out;
    }

    /** The elements as int (from i8 within range, i4, u1). */
    public int[] ints() {
        return Arrays.stream(longs()).mapToInt(Math::toIntExact).toArray();
    }
}
