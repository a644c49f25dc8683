package org.tca4j.core.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tca4j.core.testing.Numerics.assertBitExact;
import static org.tca4j.core.testing.Numerics.assertUlps;
import static org.tca4j.core.testing.Numerics.assertWithinUlpsOfScale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tca4j.core.flops.FlopCounter;
import org.tca4j.core.simd.Parallel;
import org.tca4j.core.simd.Simd;
import org.tca4j.core.testing.Seeded;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * {@link Activations}. The double oracle for Φ is a Simpson quadrature of the normal density (independent of the
 * fitted erfc the kernel uses), good to about 1e-13.
 */
@Tag("kernels")
class ActivationsTest {
    private static final float[] SPECIAL = {
        0f, -0f, 1e-30f, -1e-30f, Float.MIN_VALUE, 1f, -1f, 3f, -3f, 5.656f, -5.656f, 9f, -9f, 14.2f, -14.2f,
        20f, -20f, 1e6f, -1e6f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.NaN,
    };

    /**
     * Φ(x) for x <= 0 as the integral of the normal density over [−x, −x + 12] (the rest is below e^(−72)),
     * composite Simpson with 40000 steps: relative error of order (h·|x|)⁴/180, below 1e-12 for |x| <= 9.
     */
    static double phiOracle(double x) {
        if (x > 0) {
            return 1 - phiOracle(-x);
        }
        int steps = 40000;
        double a = -x, h = 12.0 / steps;
        double sum = 0;
        for (int i = 0; i <= steps; i++) {
            double t = a + i * h;
            double f = Math.exp(-t * t / 2);
            sum += (i == 0 || i == steps) ? f : (i % 2 == 1 ? 4 * f : 2 * f);
        }
        return sum * h / 3 / Math.sqrt(2 * Math.PI);
    }

    private static float[] inputs(long seed, int n) {
        float[] wide = Seeded.uniform(seed, n, -12, 12);
        float[] narrow = Seeded.uniform(seed + 1, n, -3, 3);
        float[] all = new float[2 * n + SPECIAL.length];
        System.arraycopy(wide, 0, all, 0, n);
        System.arraycopy(narrow, 0, all, n, n);
        System.arraycopy(SPECIAL, 0, all, 2 * n, SPECIAL.length);
        return all;
    }

    /** The budget of the float algorithm (see {@link Activations}): exp 2 ulp, t 1, Horner 3, products 2. */
    @Test
    void geluScalarDefinitionIsWithinEightUlpsOfTheOracle() {
        float[] x = inputs(21, 500);
        float[] expected = new float[x.length], actual = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = (float) (x[i] * phiOracle(x[i]));
            actual[i] = Activations.gelu(x[i]);
        }
        float[] finite = java.util.Arrays.copyOf(expected, 2 * 500); // the special values are checked below
        assertUlps(finite, java.util.Arrays.copyOf(actual, finite.length), 8, "scalar GELU vs quadrature, seed 21");
        assertThat(Activations.gelu(0f)).isEqualTo(0f);
        assertThat(Float.floatToIntBits(Activations.gelu(-0f))).isEqualTo(Float.floatToIntBits(-0f));
        assertThat(Activations.gelu(Float.POSITIVE_INFINITY)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Activations.gelu(Float.NaN)).isNaN();
        assertThat(Activations.gelu(-1e6f)).isEqualTo(-0f);
    }

    @Test
    void geluEntryGivesTheBitsOfTheScalarDefinition() {
        for (int n : new int[] {1, 3, 7, 17, 63, 65}) {
            float[] x = inputs(22 + n, n);
            FloatMatrix m = FloatMatrix.row(x.clone());
            Activations.gelu(m);
            float[] expected = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                expected[i] = Activations.gelu(x[i]);
            }
            assertBitExact(expected, m.toArray(), Simd.describe() + " GELU vs scalar, n=" + n + " seed " + (22 + n));
        }
    }

    @Test
    void quickGeluAgainstTheScalarDefinitionAndTheOracle() {
        float[] x = inputs(40, 3072);
        float[] expected = new float[x.length], exact = new float[x.length], tolerance = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = Activations.quickGelu(x[i]);
            exact[i] = (float) (x[i] / (1 + Math.exp(-(double) Activations.QUICK_GELU_SLOPE * x[i])));
            tolerance[i] = Math.abs(exact[i]);
        }
        // The float product a = 1.702·x is off by up to 2⁻²⁴ relative, which e^(·) turns into |a|·2⁻²⁴ relative in
        // the result; with the three roundings of exp, add and divide: |r|·(|a| + 3)·2⁻²⁴, less than 2 ulp of
        // |r|·(|a| + 3).
        float[] scaledUlps = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            scaledUlps[i] = Float.isFinite(x[i]) ? tolerance[i] * (3 + Math.abs(Activations.QUICK_GELU_SLOPE * x[i]))
                    : tolerance[i];
        }
        assertWithinUlpsOfScale(exact, expected, scaledUlps, 2, "scalar QuickGELU vs double, seed 40");
        // vector: exp within 2 ulp (VectorMathTest), then add and divide, each half an ulp: 3 ulp from exact; the
        // scalar definition: 1.5 ulp; so at most 4.5 ulp apart.
        FloatMatrix m = FloatMatrix.row(x.clone());
        Activations.quickGelu(m);
        assertUlps(expected, m.toArray(), 4.5, Simd.describe() + " QuickGELU vs scalar, seed 40");
    }

    @Test
    void sameBitsOnOneAndTwoThreads() {
        for (int[] shape : new int[][] {{197, 3072}, {77, 2049}, {3, 7}}) {
            long seed = 71L * shape[0] + shape[1];
            FloatMatrix x = Seeded.matrix(seed, shape[0], shape[1], -6, 6);
            String what = shape[0] + "×" + shape[1] + ", seed " + seed;
            FloatMatrix g1 = x.copy(), g2 = x.copy(), q1 = x.copy(), q2 = x.copy();
            Parallel.withThreads(1, () -> { Activations.gelu(g1); Activations.quickGelu(q1); });
            Parallel.withThreads(2, () -> { Activations.gelu(g2); Activations.quickGelu(q2); });
            assertBitExact(g1.toArray(), g2.toArray(), "GELU on 1 vs 2 threads, " + what);
            assertBitExact(q1.toArray(), q2.toArray(), "QuickGELU on 1 vs 2 threads, " + what);
            FloatMatrix single = x.copy();
            Activations.scalarGelu(single.segment(), single.size());
            assertBitExact(single.toArray(), g2.toArray(), "GELU on 2 threads vs the scalar definition, " + what);
        }
    }

    @Test
    void specialValuesAgreeBitForBit() {
        FloatMatrix g = FloatMatrix.row(SPECIAL.clone()), q = FloatMatrix.row(SPECIAL.clone());
        Activations.gelu(g);
        Activations.quickGelu(q);
        float[] eg = new float[SPECIAL.length], eq = new float[SPECIAL.length];
        for (int i = 0; i < SPECIAL.length; i++) {
            eg[i] = Activations.gelu(SPECIAL[i]);
            eq[i] = Activations.quickGelu(SPECIAL[i]);
        }
        assertBitExact(eg, g.toArray(), "GELU of special values");
        assertUlps(eq, q.toArray(), 4.5, "QuickGELU of special values");
        for (int i = 0; i < SPECIAL.length; i++) {
            if (eg[i] == 0 || Float.isInfinite(eg[i]) || Float.isNaN(eg[i])) {
                assertBitExact(new float[] {eg[i]}, new float[] {g.at(i)}, "GELU(" + SPECIAL[i] + ")");
            }
        }
    }

    @Test
    void countsElementwiseWorkOnly() {
        FlopCounter counter = new FlopCounter();
        FlopCounter.measure(counter, () -> {
            Activations.gelu(FloatMatrix.allocate(3, 5));
            Activations.quickGelu(FloatMatrix.allocate(2, 5));
        });
        assertThat(counter.macs()).isZero();
        assertThat(counter.fvcoreGflops()).isZero();
        assertThat(counter.flops()).isEqualTo(5 * 15 + 4 * 10);
    }
}
