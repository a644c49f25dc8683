package org.tca4j.tca.shift;

import org.tca4j.tca.data.ByteImage;

/**
 * Pixelate as Hendrycks &amp; Dietterich define it ({@code pixelate} in {@code make_imagenet_c.py}): shrink the image
 * to {@code int(W·c) × int(H·c)} with PIL's BOX filter, then enlarge it back to {@code W × H} with BOX. The resize
 * follows Pillow's {@code Resample.c} for 8-bit images: per output pixel, the input pixels whose centres fall in its
 * footprint ({@code box(x) = 1} for {@code -0.5 < x ≤ 0.5}, scaled by the reduction factor), weights normalised and
 * turned into 22-bit fixed point, accumulated from a rounding offset, shifted and clipped to 0..255; horizontal pass
 * first, then vertical.
 *
 * <p>Deviations from the reference: the reference hard-codes the 224 (ImageNet-C) or 32 (CIFAR-10-C) side; we use the
 * image's own size.
 */
final class Pixelate {
    private static final int PRECISION_BITS = 32 - 8 - 2;

    private Pixelate() {}

    static ByteImage apply(ByteImage image, double factor) {
        int w = image.width();
        int h = image.height();
        int smallW = Math.max(1, (int) (w * factor));
        int smallH = Math.max(1, (int) (h * factor));
        return resize(resize(image, smallW, smallH), w, h);
    }

    /** PIL's {@code resize((outW, outH), BOX)} of an 8-bit image. */
    static ByteImage resize(ByteImage in, int outW, int outH) {
        ByteImage out = in;
        if (outW != in.width()) {
            out = horizontal(out, outW);
        }
        if (outH != in.height()) {
            out = transpose(horizontal(transpose(out), outH));
        }
        return out;
    }

    private static ByteImage horizontal(ByteImage in, int outW) {
        int c = in.channels();
        int inW = in.width();
        int[][] taps = new int[outW][];
        int[] first = new int[outW];
        coefficients(inW, outW, first, taps);
        byte[] out = new byte[outW * in.height() * c];
        for (int y = 0; y < in.height(); y++) {
            for (int x = 0; x < outW; x++) {
                for (int ch = 0; ch < c; ch++) {
                    long acc = 1L << (PRECISION_BITS - 1);
                    for (int k = 0; k < taps[x].length; k++) {
                        acc += (long) in.get(first[x] + k, y, ch) * taps[x][k];
                    }
                    out[(y * outW + x) * c + ch] = clip8(acc >> PRECISION_BITS);
                }
            }
        }
        return new ByteImage(outW, in.height(), c, out);
    }

    /** Pillow's {@code precompute_coeffs} for the box filter, in fixed point. */
    private static void coefficients(int inSize, int outSize, int[] first, int[][] taps) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = 0.5 * filterScale;
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            int xmin = Math.max(0, (int) (center - support + 0.5));
            int xmax = Math.min(inSize, (int) (center + support + 0.5)) - xmin;
            double[] weights = new double[Math.max(xmax, 0)];
            double total = 0;
            for (int x = 0; x < weights.length; x++) {
                double t = (x + xmin - center + 0.5) / filterScale;
                weights[x] = t > -0.5 && t <= 0.5 ? 1.0 : 0.0;
                total += weights[x];
            }
            taps[xx] = new int[weights.length];
            for (int x = 0; x < weights.length; x++) {
                double normalised = total != 0 ? weights[x] / total : 0;
                taps[xx][x] = (int) (normalised * (1 << PRECISION_BITS) + (normalised < 0 ? -0.5 : 0.5));
            }
            first[xx] = xmin;
        }
    }

    private static ByteImage transpose(ByteImage in) {
        int c = in.channels();
        byte[] out = new byte[in.samples()];
        for (int y = 0; y < in.height(); y++) {
            for (int x = 0; x < in.width(); x++) {
                for (int ch = 0; ch < c; ch++) {
                    out[(x * in.height() + y) * c + ch] = in.pixels()[(y * in.width() + x) * c + ch];
                }
            }
        }
        return new ByteImage(in.height(), in.width(), c, out);
    }

    private static byte clip8(long v) {
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }
}
