package org.tca4j.core.testing;

import java.util.SplittableRandom;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * Seeded random inputs for kernel tests, and matrices placed inside guard rows to test row-offset views. Put the
 * seed in every assertion message so a failure can be replayed.
 */
public final class Seeded {
    /** The value of the guard rows around a view: any read of them poisons the result. */
    public static final float GUARD = Float.NaN;

    private Seeded() {}

    /** Uniform values in {@code [lo, hi)}. */
    public static float[] uniform(long seed, int n, double lo, double hi) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextDouble(lo, hi);
        }
        return v;
    }

    /** A {@code rows × cols} heap matrix, uniform in {@code [-1, 1)}. */
    public static FloatMatrix matrix(long seed, int rows, int cols) {
        return FloatMatrix.wrap(uniform(seed, rows * cols, -1, 1), rows, cols);
    }

    /** A {@code rows × cols} heap matrix, uniform in {@code [lo, hi)}. */
    public static FloatMatrix matrix(long seed, int rows, int cols, double lo, double hi) {
        return FloatMatrix.wrap(uniform(seed, rows * cols, lo, hi), rows, cols);
    }

    /**
     * A copy of a matrix placed after {@code offset} guard rows and before two more: {@link #view} starts at a
     * non-zero byte offset of its segment and is surrounded by {@link #GUARD} values (all bits set).
     */
    public record Guarded(FloatMatrix all, FloatMatrix view, int offset) {
        /** Fails when a kernel wrote outside the view. */
        public void assertGuardsIntact(String what) {
            for (int r = 0; r < all.rows(); r++) {
                if (r >= offset && r < offset + view.rows()) {
                    continue;
                }
                for (int c = 0; c < all.cols(); c++) {
                    if (Float.floatToRawIntBits(all.get(r, c)) != -1) {
                        throw new org.opentest4j.AssertionFailedError(what + ": guard row " + r + " column " + c
                                + " was overwritten with " + all.get(r, c));
                    }
                }
            }
        }
    }

    /** {@code m} copied inside guard rows, {@code offset} of them before it. */
    public static Guarded insideGuards(FloatMatrix m, int offset) {
        FloatMatrix all = FloatMatrix.allocate(offset + m.rows() + 2, m.cols());
        all.segment().fill((byte) 0xff);
        FloatMatrix view = all.rows(offset, offset + m.rows());
        view.copyFrom(m);
        return new Guarded(all, view, offset);
    }

    /** A zero {@code rows × cols} matrix inside guard rows (an output view). */
    public static Guarded zerosInsideGuards(int rows, int cols, int offset) {
        return insideGuards(FloatMatrix.allocate(rows, cols), offset);
    }

    /** Double copy of a matrix's elements, row-major. */
    public static double[] toDoubles(FloatMatrix m) {
        double[] d = new double[Math.toIntExact(m.size())];
        for (int i = 0; i < d.length; i++) {
            d[i] = m.at(i);
        }
        return d;
    }
}
