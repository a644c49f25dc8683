package org.tca4j.vit.model;

import static org.assertj.core.api.Assertions.assertThat;

/** Whole-tensor comparisons against goldens: NMSE and cosine, with the worst element in the message. */
final class Fidelity {
    private static final ThreadLocal<double[]> WORST = ThreadLocal.withInitial(() -> new double[] {0, 1});

    private Fidelity() {}

    /** Prints and resets the worst NMSE and the lowest cosine asserted on this thread since the last call. */
    static void report(String what) {
        double[] w = WORST.get();
        System.out.printf("fidelity %s: worst NMSE %.2e, lowest cosine %.9f%n", what, w[0], w[1]);
        WORST.remove();
    }

    /** {@code Σ(a−b)² / Σb²}. */
    static double nmse(float[] actual, float[] golden) {
        assertThat(actual).hasSameSizeAs(golden);
        double err = 0, ref = 0;
        for (int i = 0; i < golden.length; i++) {
            double d = (double) actual[i] - golden[i];
            err += d * d;
            ref += (double) golden[i] * golden[i];
        }
        return err / ref;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    static double maxAbsDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }

    /** Fails unless NMSE ≤ bound; returns the NMSE for reports. */
    static double assertNmse(String what, float[] actual, float[] golden, double bound) {
        double e = nmse(actual, golden);
        assertThat(e).as("%s: NMSE %.3e (max abs diff %.3e), bound %.0e", what, e, maxAbsDiff(actual, golden), bound)
                .isLessThanOrEqualTo(bound);
        WORST.get()[0] = Math.max(WORST.get()[0], e);
        return e;
    }

    /** Fails unless the cosine similarity ≥ bound; returns it. */
    static double assertCosine(String what, float[] actual, float[] golden, double bound) {
        double c = cosine(actual, golden);
        assertThat(c).as("%s: cosine %.8f, bound %.5f", what, c, bound).isGreaterThanOrEqualTo(bound);
        WORST.get()[1] = Math.min(WORST.get()[1], c);
        return c;
    }

    static float[] slice(float[] data, int from, int to) {
        return java.util.Arrays.copyOfRange(data, from, to);
    }
}
