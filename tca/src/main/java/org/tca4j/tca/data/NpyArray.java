package org.tca4j.tca.data;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A memory-mapped NumPy {@code .npy} array of unsigned bytes or integers (format versions 1-3, C order), enough for
 * the CIFAR-10-C / CIFAR-100-C files: images {@code [N,32,32,3] uint8} and labels {@code [N]} of any integer type.
 */
final class NpyArray {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([iu])([1248])'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    final Path file;
    final long[] shape;
    final int itemBytes;
    final boolean unsigned;
    private final MemorySegment data;
    private final ByteOrder order;

    private NpyArray(Path file, long[] shape, int itemBytes, boolean unsigned, ByteOrder order, MemorySegment data) {
        this.file = file;
        this.shape = shape;
        this.itemBytes = itemBytes;
        this.unsigned = unsigned;
        this.order = order;
        this.data = data;
    }

    /** Maps {@code file}; the mapping lives as long as the returned object is reachable. */
    static NpyArray map(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment all = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), Arena.ofAuto());
            return parse(file, all);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DatasetException(file, "no such file", e);
        } catch (IOException e) {
            throw new DatasetException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static NpyArray parse(Path file, MemorySegment all) {
        if (all.byteSize() < 10 || !Arrays.equals(all.asSlice(0, 6).toArray(ValueLayout.JAVA_BYTE), MAGIC)) {
            throw new DatasetException(file, "not a .npy file (bad magic)");
        }
        int major = all.get(ValueLayout.JAVA_BYTE, 6);
        long headerLength;
        long headerStart;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(all.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 8));
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (all.byteSize() < 12) {
                throw new DatasetException(file, "truncated .npy header");
            }
            headerLength = Integer.toUnsignedLong(all.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 8));
            headerStart = 12;
        } else {
            throw new DatasetException(file, "unsupported .npy format version " + major);
        }
        if (headerStart + headerLength > all.byteSize()) {
            throw new DatasetException(file, "truncated .npy header");
        }
        String header = new String(all.asSlice(headerStart, headerLength).toArray(ValueLayout.JAVA_BYTE),
                StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        if (!descr.find()) {
            throw new DatasetException(file, "unsupported dtype in header " + header.strip()
                    + " (expected unsigned bytes or integers)");
        }
        Matcher fortran = FORTRAN.matcher(header);
        if (fortran.find() && fortran.group(1).equals("True")) {
            throw new DatasetException(file, "Fortran-order arrays are not supported");
        }
        Matcher shapeMatch = SHAPE.matcher(header);
        if (!shapeMatch.find()) {
            throw new DatasetException(file, "no shape in header " + header.strip());
        }
        long[] shape = parseShape(file, shapeMatch.group(1));
        int itemBytes = Integer.parseInt(descr.group(3));
        ByteOrder order = descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        long elements = elements(file, shape, itemBytes);
        long dataStart = headerStart + headerLength;
        if (all.byteSize() - dataStart < elements * itemBytes) {
            throw new DatasetException(file, "truncated: shape " + Arrays.toString(shape) + " needs "
                    + elements * itemBytes + " data bytes, file has " + (all.byteSize() - dataStart));
        }
        return new NpyArray(file, shape, itemBytes, descr.group(2).equals("u"), order,
                all.asSlice(dataStart, elements * itemBytes));
    }

    /** The dimensions listed in the header's shape tuple; each must be a non-negative integer. */
    private static long[] parseShape(Path file, String tuple) {
        List<String> dims = Arrays.stream(tuple.split(",")).map(String::strip).filter(d -> !d.isEmpty()).toList();
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            try {
                shape[i] = Long.parseLong(dims.get(i));
            } catch (NumberFormatException e) {
                throw new DatasetException(file, "shape (" + tuple + ") has a dimension that is not an integer", e);
            }
            if (shape[i] < 0) {
                throw new DatasetException(file, "shape (" + tuple + ") has a negative dimension");
            }
        }
        return shape;
    }

    /** The element count; the array's byte size must fit a long. */
    private static long elements(Path file, long[] shape, int itemBytes) {
        try {
            long elements = Arrays.stream(shape).reduce(1, Math::multiplyExact);
            Math.multiplyExact(elements, itemBytes);
            return elements;
        } catch (ArithmeticException e) {
            throw new DatasetException(file, "shape " + Arrays.toString(shape) + " is too large", e);
        }
    }

    /** Element {@code i} (flat, C order) as a long. */
    long getLong(long i) {
        long offset = i * itemBytes;
        return switch (itemBytes) {
            case 1 -> unsigned ? Byte.toUnsignedLong(data.get(ValueLayout.JAVA_BYTE, offset))
                    : data.get(ValueLayout.JAVA_BYTE, offset);
            case 2 -> {
                short s = data.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order), offset);
                yield unsigned ? Short.toUnsignedLong(s) : s;
            }
            case 4 -> {
                int v = data.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(order), offset);
                yield unsigned ? Integer.toUnsignedLong(v) : v;
            }
            default -> data.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order), offset);
        };
    }

    /** {@code length} bytes starting at flat element {@code from}; only for one-byte arrays. */
    byte[] bytes(long from, int length) {
        return data.asSlice(from, length).toArray(ValueLayout.JAVA_BYTE);
    }
}
