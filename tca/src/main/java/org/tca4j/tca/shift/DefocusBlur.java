package org.tca4j.tca.shift;

import org.tca4j.tca.data.ByteImage;

/**
 * Defocus blur as Hendrycks &amp; Dietterich define it ({@code defocus_blur} and {@code disk} in
 * {@code make_imagenet_c.py}): each channel of the [0,1] image is correlated with an anti-aliased disk of radius
 * {@code r}, then clipped and rounded back to 8 bits.
 *
 * <p>The disk: on the grid {@code L×L} with {@code L = -8..8} when {@code r ≤ 8} (else {@code -r..r}), the cells with
 * {@code X² + Y² ≤ r²} are 1, the rest 0, normalised to sum 1; then smoothed by a Gaussian of standard deviation
 * {@code alias} over a 3×3 window (5×5 when {@code r > 8}), as OpenCV's {@code GaussianBlur}. Borders, in both steps,
 * mirror without repeating the edge (OpenCV's default {@code BORDER_REFLECT_101}).
 *
 * <p>Deviations from the reference: computed in double precision throughout (OpenCV smooths the disk in float32).
 */
final class DefocusBlur {
    private DefocusBlur() {}

    static ByteImage apply(ByteImage image, double radius, double alias) {
        double[][] kernel = disk(radius, alias);
        double[] x = UnitSamples.toUnit(image);
        double[] out = new double[x.length];
        int w = image.width();
        int h = image.height();
        int c = image.channels();
        int half = kernel.length / 2;
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    double sum = 0;
                    for (int ky = 0; ky < kernel.length; ky++) {
                        int sy = reflect101(y + ky - half, h);
                        for (int kx = 0; kx < kernel.length; kx++) {
                            int sx = reflect101(xx + kx - half, w);
                            sum += kernel[ky][kx] * x[(sy * w + sx) * c + ch];
                        }
                    }
                    out[(y * w + xx) * c + ch] = sum;
                }
            }
        }
        return UnitSamples.fromUnit(out, image);
    }

    /** The anti-aliased disk kernel, square, odd side. */
    static double[][] disk(double radius, double alias) {
        int half = radius <= 8 ? 8 : (int) Math.floor(radius);
        int side = 2 * half + 1;
        double[][] hard = new double[side][side];
        double total = 0;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double dx = x - half;
                double dy = y - half;
                if (dx * dx + dy * dy <= radius * radius) {
                    hard[y][x] = 1;
                    total++;
                }
            }
        }
        for (double[] row : hard) {
            for (int x = 0; x < side; x++) {
                row[x] /= total;
            }
        }
        return gaussianSmooth(hard, radius <= 8 ? 3 : 5, alias);
    }

    /** Separable Gaussian smoothing with a {@code window}-tap kernel of standard deviation {@code sigma}. */
    private static double[][] gaussianSmooth(double[][] in, int window, double sigma) {
        double[] g = new double[window];
        double sum = 0;
        for (int i = 0; i < window; i++) {
            double d = i - (window - 1) / 2.0;
            g[i] = Math.exp(-d * d / (2 * sigma * sigma));
            sum += g[i];
        }
        for (int i = 0; i < window; i++) {
            g[i] /= sum;
        }
        int n = in.length;
        int half = window / 2;
        double[][] rows = new double[n][n];
        double[][] out = new double[n][n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double s = 0;
                for (int k = 0; k < window; k++) {
                    s += g[k] * in[y][reflect101(x + k - half, n)];
                }
                rows[y][x] = s;
            }
        }
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double s = 0;
                for (int k = 0; k < window; k++) {
                    s += g[k] * rows[reflect101(y + k - half, n)][x];
                }
                out[y][x] = s;
            }
        }
        return out;
    }

    /** Index {@code p} mirrored into {@code [0, n)} without repeating the edge: ... 2 1 | 0 1 2 ... n-1 | n-2 ... */
    static int reflect101(int p, int n) {
        if (n == 1) {
            return 0;
        }
        while (p < 0 || p >= n) {
            p = p < 0 ? -p : 2 * (n - 1) - p;
        }
        return p;
    }
}
