package org.tca4j.tca.shift;

import java.util.random.RandomGenerator;

/**
 * Poisson sampling. Below a mean of 10, Knuth's multiplication method (multiply uniforms until the product drops
 * below {@code e^-λ}); from 10 on, Hörmann's transformed rejection with squeeze (PTRS; W. Hörmann, "The transformed
 * rejection method for generating Poisson random variables", Insurance: Mathematics and Economics 12, 1993), the
 * algorithm NumPy also uses above 10. Both are exact samplers.
 */
final class Poisson {
    private static final double PTRS_THRESHOLD = 10;

    private Poisson() {}

    /** One draw from Poisson({@code mean}); 0 for a mean of 0 or less. */
    static long sample(double mean, RandomGenerator random) {
        if (!(mean > 0)) {
            return 0;
        }
        return mean < PTRS_THRESHOLD ? multiplication(mean, random) : transformedRejection(mean, random);
    }

    private static long multiplication(double mean, RandomGenerator random) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        long k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }

    private static long transformedRejection(double mean, RandomGenerator random) {
        double sqrtMean = Math.sqrt(mean);
        double logMean = Math.log(mean);
        double b = 0.931 + 2.53 * sqrtMean;
        double a = -0.059 + 0.02483 * b;
        double inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
        double acceptBound = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = random.nextDouble() - 0.5;
            double v = random.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            // squeeze: accept without evaluating the density
            if (us >= 0.07 && v <= acceptBound) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            // full acceptance test against the Poisson log-density
            double lhs = Math.log(v) + Math.log(inverseAlpha) - Math.log(a / (us * us) + b);
            double rhs = -mean + k * logMean - logFactorial(k);
            if (lhs <= rhs) {
                return k;
            }
        }
    }

    /** {@code ln(k!)}: exact sums below 20, Stirling's series with three correction terms above. */
    static double logFactorial(long k) {
        if (k < 20) {
            double sum = 0;
            for (long i = 2; i <= k; i++) {
                sum += Math.log(i);
            }
            return sum;
        }
        double n = k;
        double inv = 1.0 / n;
        double inv2 = inv * inv;
        return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n)
                + inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 / 1260));
    }
}
