package org.tca4j.core.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.tca4j.core.flops.FlopCounter;
import org.tca4j.core.simd.Simd;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * Lane-wise arithmetic on matrices: the residual add, the bias add, scaling.
 *
 * <p>Contract: in place on the first argument; shapes are checked; each reports one element-wise FLOP per element.
 * Loop structure: one pass over the elements, vectors of {@code Simd.F} then a scalar tail.
 * Numerics: one float operation per element, the same in both versions, so the tests demand identical bits.
 */
public final class Elementwise {
    private static final VectorSpecies<Float> F = Simd.F;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private Elementwise() {}

    /** {@code x += y} (the residual add). */
    public static void addInPlace(FloatMatrix x, FloatMatrix y) {
        checkSameShape(x, y);
        FlopCounter.addElementwise(x.size());
        if (Simd.ENABLED) {
            vectorAdd(x.segment(), 0, y.segment(), 0, x.size());
        } else {
            scalarAdd(x.segment(), 0, y.segment(), 0, x.size());
        }
    }

    /** {@code x[r, :] += bias[0, :]} for every row. */
    public static void addRowInPlace(FloatMatrix x, FloatMatrix bias) {
        if (bias.rows() != 1 || bias.cols() != x.cols()) {
            throw new IllegalArgumentException("bias " + bias + " does not fit rows of " + x);
        }
        FlopCounter.addElementwise(x.size());
        for (int r = 0; r < x.rows(); r++) {
            if (Simd.ENABLED) {
                vectorAdd(x.segment(), x.offset(r, 0), bias.segment(), 0, x.cols());
            } else {
                scalarAdd(x.segment(), x.offset(r, 0), bias.segment(), 0, x.cols());
            }
        }
    }

    /** {@code x *= s}. */
    public static void scaleInPlace(FloatMatrix x, float s) {
        FlopCounter.addElementwise(x.size());
        if (Simd.ENABLED) {
            vectorScale(x.segment(), s, x.size());
        } else {
            scalarScale(x.segment(), s, x.size());
        }
    }

    /** {@code a[i] += b[i]} for {@code count} floats from the byte offsets. */
    static void scalarAdd(MemorySegment a, long aOff, MemorySegment b, long bOff, long count) {
        for (long i = 0; i < count; i++) {
            long ai = aOff + 4 * i;
            a.set(FloatMatrix.FLOAT, ai, a.get(FloatMatrix.FLOAT, ai) + b.get(FloatMatrix.FLOAT, bOff + 4 * i));
        }
    }

    static void vectorAdd(MemorySegment a, long aOff, MemorySegment b, long bOff, long count) {
        long bound = count - count % F.length();
        long i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector va = FloatVector.fromMemorySegment(F, a, aOff + 4 * i, LE);
            FloatVector vb = FloatVector.fromMemorySegment(F, b, bOff + 4 * i, LE);
            va.add(vb).intoMemorySegment(a, aOff + 4 * i, LE);
        }
        scalarAdd(a, aOff + 4 * i, b, bOff + 4 * i, count - i);
    }

    static void scalarScale(MemorySegment a, float s, long count) {
        for (long i = 0; i < count; i++) {
            a.setAtIndex(FloatMatrix.FLOAT, i, a.getAtIndex(FloatMatrix.FLOAT, i) * s);
        }
    }

    static void vectorScale(MemorySegment a, float s, long count) {
        long bound = count - count % F.length();
        long i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector.fromMemorySegment(F, a, 4 * i, LE).mul(s).intoMemorySegment(a, 4 * i, LE);
        }
        for (; i < count; i++) {
            a.setAtIndex(FloatMatrix.FLOAT, i, a.getAtIndex(FloatMatrix.FLOAT, i) * s);
        }
    }

    static void checkSameShape(FloatMatrix a, FloatMatrix b) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new IllegalArgumentException("shapes differ: " + a + " and " + b);
        }
    }
}
