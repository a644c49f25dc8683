package org.tca4j.tca.cli;

import java.util.SplittableRandom;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * Checks a benchmarked product {@code y = x·Wᵀ} against the scalar definition of the matmul, so a benchmark never
 * reports the speed of a wrong answer.
 *
 * <p>The scalar twin is {@code MatMul}'s definition: a float dot product over K from k = 0 upwards. A fast kernel
 * sums in another order, so the outputs differ by rounding; the check bounds the normalized mean squared error
 * (NMSE), which rounding keeps near 1e-13 for these shapes and any indexing mistake drives towards 1.
 */
public final class GemmCheck {
    /** The largest NMSE accepted between a kernel and the scalar twin. */
    public static final double MAX_NMSE = 1e-9;

    private GemmCheck() {}

    /** Seeded inputs in [-1, 1). */
    public static FloatMatrix random(int rows, int cols, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] data = new float[Math.multiplyExact(rows, cols)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return FloatMatrix.wrap(data, rows, cols);
    }

    /**
     * The whole product {@code x·wᵀ} by the scalar definition: the reference a fast kernel is judged against. Four
     * outputs of a row are summed side by side, each still in float from k = 0 upwards, so the bits are those of
     * {@link #twin} at a quarter of the latency.
     */
    public static FloatMatrix scalarProduct(FloatMatrix x, FloatMatrix w) {
        int m = x.rows(), n = w.rows(), k = x.cols();
        float[] a = x.toArray(), b = w.toArray(), c = new float[Math.multiplyExact(m, n)];
        for (int i = 0; i < m; i++) {
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
                for (int p = 0; p < k; p++) {
                    float xv = a[i * k + p];
                    s0 += xv * b[j * k + p];
                    s1 += xv * b[(j + 1) * k + p];
                    s2 += xv * b[(j + 2) * k + p];
                    s3 += xv * b[(j + 3) * k + p];
                }
                c[i * n + j] = s0;
                c[i * n + j + 1] = s1;
                c[i * n + j + 2] = s2;
                c[i * n + j + 3] = s3;
            }
            for (; j < n; j++) {
                c[i * n + j] = twin(x, w, i, j);
            }
        }
        return FloatMatrix.wrap(c, m, n);
    }

    /** Compares every output of y with {@code reference}; throws naming {@code what} when the NMSE is too large. */
    public static void verifyAll(String what, FloatMatrix reference, FloatMatrix y) {
        if (reference.rows() != y.rows() || reference.cols() != y.cols()) {
            throw new IllegalArgumentException(what + ": " + y + " does not match the reference " + reference);
        }
        double err = 0, ref = 0;
        for (int i = 0; i < y.rows(); i++) {
            for (int j = 0; j < y.cols(); j++) {
                double d = reference.get(i, j);
                double e = y.get(i, j) - d;
                err += e * e;
                ref += d * d;
            }
        }
        judge(what, err, ref, y.rows() * (long) y.cols());
    }

    /** Compares {@code samples} seeded random outputs of y with the scalar twin (a quick check for the CLI). */
    public static void verifySampled(String what, FloatMatrix x, FloatMatrix w, FloatMatrix y, int samples, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double err = 0, ref = 0;
        for (int s = 0; s < samples; s++) {
            int i = rnd.nextInt(y.rows()), j = rnd.nextInt(y.cols());
            double d = twin(x, w, i, j);
            double e = y.get(i, j) - d;
            err += e * e;
            ref += d * d;
        }
        judge(what + " (seed " + seed + ")", err, ref, samples);
    }

    /** The scalar definition of one output: {@code Σ_k x[i,k]·w[j,k]} in float, k ascending. */
    static float twin(FloatMatrix x, FloatMatrix w, int i, int j) {
        float acc = 0f;
        for (int p = 0; p < x.cols(); p++) {
            acc += x.get(i, p) * w.get(j, p);
        }
        return acc;
    }

    private static void judge(String what, double err, double ref, long count) {
        double nmse = err / Math.max(ref, Double.MIN_NORMAL);
        if (!(nmse <= MAX_NMSE)) {
            throw new IllegalStateException(String.format(
                    "%s differs from the scalar matmul: NMSE %.3g over %d outputs (limit %.0e)",
                    what, nmse, count, MAX_NMSE));
        }
    }
}
