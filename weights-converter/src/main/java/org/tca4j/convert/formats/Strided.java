package org.tca4j.convert.formats;

import java.nio.file.Path;
import java.util.Arrays;
import org.tca4j.convert.CheckpointException;

/**
 * A checked strided view of a torch storage: {@code shape}, {@code stride} and {@code offset} in elements. Copies
 * the view out in C order; a contiguous view is one array copy.
 */
final class Strided {
    private final long[] shape;
    private final long[] stride;
    private final long offset;
    private final long elements;

    private Strided(long[] shape, long[] stride, long offset, long elements) {
        this.shape = shape;
        this.stride = stride;
        this.offset = offset;
        this.elements = elements;
    }

    /** Checks that every element of the view lies inside a storage of {@code numel} elements. */
    static Strided of(Path file, String name, long[] shape, long[] stride, long offset, long numel)
            throws CheckpointException {
        if (shape.length != stride.length) {
            throw new CheckpointException(file, "tensor '" + name + "' has size " + Arrays.toString(shape) + " but stride "
                    + Arrays.toString(stride));
        }
        long elements = 1;
        long lastIndex = offset;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0 || stride[d] < 0) {
                throw new CheckpointException(file, "tensor '" + name + "' has a negative size or stride");
            }
            try {
                elements = Math.multiplyExact(elements, shape[d]);
                if (shape[d] > 0) {
                    lastIndex = Math.addExact(lastIndex, Math.multiplyExact(shape[d] - 1, stride[d]));
                }
            } catch (ArithmeticException e) {
                throw new CheckpointException(file, "tensor '" + name + "' size " + Arrays.toString(shape) + " overflows");
            }
        }
        if (offset < 0 || (elements > 0 && lastIndex >= numel)) {
            throw new CheckpointException(file, "tensor '" + name + "' (offset " + offset + ", size " + Arrays.toString(shape)
                    + ", stride " + Arrays.toString(stride) + ") reaches past its storage of " + numel + " elements");
        }
        return new Strided(shape.clone(), stride.clone(), offset, elements);
    }

    /** The view's elements in C order, {@code elementSize} bytes each, from the storage bytes. */
    byte[] gather(byte[] storage, int elementSize) {
        byte[] out = new byte[Math.toIntExact(elements * elementSize)];
        if (elements == 0) {
            return out;
        }
        if (contiguous()) {
            System.arraycopy(storage, Math.toIntExact(offset * elementSize), out, 0, out.length);
            return out;
        }
        long[] index = new long[shape.length];
        for (long i = 0; i < elements; i++) {
            long source = offset;
            for (int d = 0; d < shape.length; d++) {
                source += index[d] * stride[d];
            }
            System.arraycopy(storage, (int) (source * elementSize), out, (int) (i * elementSize), elementSize);
            for (int d = shape.length - 1; d >= 0 && ++index[d] == shape[d]; d--) {
                index[d] = 0;
            }
        }
        return out;
    }

    private boolean contiguous() {
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }
}
