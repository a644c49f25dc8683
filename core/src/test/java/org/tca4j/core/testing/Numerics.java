package org.tca4j.core.testing;

import org.opentest4j.AssertionFailedError;

/**
 * Numeric assertions by kind, as the kernels' tests use them.
 * <ul>
 *   <li>{@link #assertBitExact}: lane-wise operations whose scalar and vector versions do the same float
 *       operations;</li>
 *   <li>{@link #assertUlps} / {@link #assertWithinUlpsOfScale}: one rounding apart, or reductions, where the bound
 *       grows with the length of the accumulation chain ({@link #chainLength});</li>
 *   <li>{@link #assertNmse}: matrix products, by normalised mean squared error {@code Σ(e−a)² / Σe²}.</li>
 * </ul>
 * Every failure names what was compared (put the seed in {@code what}) and the first offending element.
 */
public final class Numerics {
    private Numerics() {}

    /** Same bits everywhere (NaN payloads aside). */
    public static void assertBitExact(float[] expected, float[] actual, String what) {
        checkLength(expected, actual, what);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                throw new AssertionFailedError(what + ": element " + i + " is " + actual[i] + " (bits "
                        + Integer.toHexString(Float.floatToRawIntBits(actual[i])) + "), expected " + expected[i]
                        + " (bits " + Integer.toHexString(Float.floatToRawIntBits(expected[i])) + ")");
            }
        }
    }

    /** {@code |e − a| <= maxUlps · ulp(e)} everywhere (NaN matches NaN; infinities must be equal). */
    public static void assertUlps(float[] expected, float[] actual, double maxUlps, String what) {
        float[] scale = new float[expected.length];
        for (int i = 0; i < scale.length; i++) {
            scale[i] = Math.abs(expected[i]);
        }
        assertWithinUlpsOfScale(expected, actual, scale, maxUlps, what);
    }

    /**
     * {@code |e − a| <= maxUlps · ulp(scale)} everywhere: for results whose error is relative to a larger quantity
     * than themselves (a sum with cancellation is measured against the sum of magnitudes).
     */
    public static void assertWithinUlpsOfScale(float[] expected, float[] actual, float[] scale, double maxUlps,
                                               String what) {
        checkLength(expected, actual, what);
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i], a = actual[i];
            if (Float.isNaN(e) || Float.isNaN(a) || Float.isInfinite(e) || Float.isInfinite(a)) {
                if (Float.compare(e, a) != 0 && !(Float.isNaN(e) && Float.isNaN(a))) {
                    throw new AssertionFailedError(what + ": element " + i + " is " + a + ", expected " + e);
                }
                continue;
            }
            double ulp = Math.ulp(Math.max(Math.abs(scale[i]), Float.MIN_NORMAL));
            double ulps = Math.abs((double) e - a) / ulp;
            if (ulps > maxUlps) {
                throw new AssertionFailedError(String.format("%s: element %d is %s, expected %s: %.1f ulp of %s > %.1f",
                        what, i, a, e, ulps, scale[i], maxUlps));
            }
        }
    }

    /** Normalised mean squared error {@code Σ(e−a)² / Σe²} (0 when both are all zero). */
    public static double nmse(double[] expected, float[] actual) {
        double err = 0, norm = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = expected[i] - actual[i];
            err += d * d;
            norm += expected[i] * expected[i];
        }
        return norm == 0 ? (err == 0 ? 0 : Double.POSITIVE_INFINITY) : err / norm;
    }

    /** {@link #nmse} at most {@code max}; non-finite values fail. */
    public static void assertNmse(double[] expected, float[] actual, double max, String what) {
        if (expected.length != actual.length) {
            throw new AssertionFailedError(what + ": " + actual.length + " values, expected " + expected.length);
        }
        for (int i = 0; i < actual.length; i++) {
            if (!Float.isFinite(actual[i]) || !Double.isFinite(expected[i])) {
                throw new AssertionFailedError(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i]);
            }
        }
        double e = nmse(expected, actual);
        if (!(e <= max)) {
            throw new AssertionFailedError(String.format("%s: NMSE %.3g > %.3g", what, e, max));
        }
    }

    /** {@link #assertNmse} against a float reference. */
    public static void assertNmse(float[] expected, float[] actual, double max, String what) {
        double[] e = new double[expected.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = expected[i];
        }
        assertNmse(e, actual, max, what);
    }

    /**
     * The longest chain of dependent float additions in a sum of {@code n} terms over {@code lanes} lanes: each lane
     * adds {@code ceil(n/lanes)} terms, then the lanes are combined. Reduction tolerances are a small multiple.
     */
    public static int chainLength(int n, int lanes) {
        return (n + lanes - 1) / lanes + (lanes > 1 ? lanes : 0);
    }

    private static void checkLength(float[] expected, float[] actual, String what) {
        if (expected.length != actual.length) {
            throw new AssertionFailedError(what + ": " + actual.length + " values, expected " + expected.length);
        }
    }
}
