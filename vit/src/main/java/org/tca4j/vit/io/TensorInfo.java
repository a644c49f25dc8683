package org.tca4j.vit.io;

import java.util.Arrays;

/**
 * One tensor's entry in the model file's directory.
 *
 * @param name the OpenCLIP state_dict key
 * @param dtype how its elements are stored
 * @param shape the PyTorch shape ({@code []} for a scalar)
 * @param offset where its bytes start, from the start of the data section (a multiple of 64)
 * @param length its byte count (elements × dtype size)
 */
public record TensorInfo(String name, TensorDType dtype, long[] shape, long offset, long length) {
    public TensorInfo {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The number of elements, the product of the shape. */
    public long elements() {
        long n = 1;
        for (long side : shape) {
            n *= side;
        }
        return n;
    }

    @Override
    public String toString() {
        return name + " " + dtype.cliName() + Arrays.toString(shape) + " @" + offset + "+" + length;
    }
}
