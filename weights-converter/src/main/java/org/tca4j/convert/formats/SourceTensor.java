package org.tca4j.convert.formats;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor as a checkpoint holds it: name, element type, PyTorch shape, and a way to read its bytes (little-endian,
 * C order) when they are needed, so that a converter holds one tensor in memory at a time.
 *
 * @param name the key (after any prefix was removed and names were mapped)
 * @param dtype the stored element type
 * @param shape the PyTorch shape
 * @param bytes reads exactly {@link #byteLength()} bytes
 */
public record SourceTensor(String name, SourceDType dtype, long[] shape, Loader bytes) {
    /** Reads a tensor's bytes. */
    @FunctionalInterface
    public interface Loader {
        byte[] load() throws IOException;
    }

    public SourceTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(bytes, "bytes");
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Elements, the product of the shape (shapes are checked for overflow when a checkpoint is read). */
    public long elements() {
        long n = 1;
        for (long side : shape) {
            n *= side;
        }
        return n;
    }

    /** Bytes of the data. */
    public long byteLength() {
        return elements() * dtype.byteSize();
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape);
    }
}
