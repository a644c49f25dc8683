package org.tca4j.core.kernels;

import org.tca4j.core.tensor.FloatMatrix;

/** Lane-wise arithmetic on matrices of one shape. */
public final class Elementwise {
    private Elementwise() {}

    /** {@code x += y} (the residual add). */
    public static void addInPlace(FloatMatrix x, FloatMatrix y) {
        checkSameShape(x, y);
        for (long i = 0; i < x.size(); i++) {
            x.segment().setAtIndex(FloatMatrix.FLOAT, i, x.at(i) + y.at(i));
        }
    }

    /** {@code x[r, :] += bias[0, :]} for every row. */
    public static void addRowInPlace(FloatMatrix x, FloatMatrix bias) {
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < x.cols(); c++) {
                x.set(r, c, x.get(r, c) + bias.get(0, c));
            }
        }
    }

    /** {@code x *= s}. */
    public static void scaleInPlace(FloatMatrix x, float s) {
        for (long i = 0; i < x.size(); i++) {
            x.segment().setAtIndex(FloatMatrix.FLOAT, i, x.at(i) * s);
        }
    }

    static void checkSameShape(FloatMatrix a, FloatMatrix b) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new IllegalArgumentException("shapes differ: " + a + " and " + b);
        }
    }
}
