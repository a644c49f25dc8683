package org.tca4j.core.kernels;

/**
 * The error function and its complement in double precision (the JDK has neither), accurate to about 1e-12
 * relative, so a float computed from them is correctly rounded but for rare ties.
 *
 * <p>For {@code |x| < 2.5}: the series {@code erf(x) = 2/√π · e^(−x²) · Σ_{n≥0} (2x²)ⁿ·x / (1·3·…·(2n+1))}, whose
 * terms are all positive (no cancellation; at most ~40 terms). Above: the continued fraction
 * {@code erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))}, 60 levels evaluated from the
 * tail. Checked against an independent quadrature in the tests.
 */
final class Erf {
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double SQRT_PI = 1.7724538509055160;
    private static final double SERIES_LIMIT = 2.5;
    private static final int FRACTION_LEVELS = 60;

    private Erf() {}

    static double erf(double x) {
        if (x < 0) {
            return -erf(-x);
        }
        return x < SERIES_LIMIT ? series(x) : 1.0 - erfc(x);
    }

    /** {@code 1 − erf(x)}, with full relative accuracy for large x. */
    static double erfc(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (x < 0) {
            return 2.0 - erfc(-x);
        }
        if (x < SERIES_LIMIT) {
            return 1.0 - series(x);
        }
        if (x > 27) {
            return 0.0; // below the smallest double
        }
        double f = x;
        for (int n = FRACTION_LEVELS; n >= 1; n--) {
            f = x + (n * 0.5) / f;
        }
        return Math.exp(-x * x) / (SQRT_PI * f);
    }

    private static double series(double x) {
        double term = x;
        double sum = x;
        double twoXSquared = 2 * x * x;
        for (int n = 1; term > sum * 1e-17; n++) {
            term *= twoXSquared / (2 * n + 1);
            sum += term;
        }
        return TWO_OVER_SQRT_PI * Math.exp(-x * x) * sum;
    }
}
