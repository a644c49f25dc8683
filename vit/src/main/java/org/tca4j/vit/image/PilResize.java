package org.tca4j.vit.image;

/**
 * Pillow's {@code Image.resize}, integer for integer, for the modes of {@link PilImage}.
 *
 * <p>Reference: Pillow 9.4 {@code src/libImaging/Resample.c} ({@code precompute_coeffs}, {@code
 * normalize_coeffs_8bpc}, {@code ImagingResampleHorizontal_8bpc} / {@code _32bpc}, vertical twins),
 * {@code Geometry.c} ({@code ImagingScaleAffine}) and {@code Image.resize}. Separable: a horizontal pass, then a
 * vertical pass, each skipped when its size does not change, each writing 8-bit samples. For every output pixel
 * the filter weights over its source window are normalised to sum 1 and turned into 22-bit fixed point (rounded
 * half away from zero); a sample is {@code clamp((2^21 + Σ w·p) >> 22, 0, 255)}. RGBA and LA are resized
 * premultiplied by alpha and divided back afterwards; P and 1 use nearest neighbour; I (32-bit) uses the double
 * weights and rounds half away from zero.
 *
 * <p>Deviations from the reference:
 * <ul>
 *   <li>only the BICUBIC and BILINEAR filters (plus the NEAREST Pillow forces on P and 1); BOX, HAMMING, LANCZOS
 *       and an explicit NEAREST on other modes are not ported, nor the {@code box} and {@code reducing_gap}
 *       arguments;</li>
 *   <li>the same size returns this image, not a copy ({@link PilImage} is not modified afterwards);</li>
 *   <li>the horizontal pass runs over every input row; Pillow skips the rows no vertical window reads, which
 *       gives the same pixels;</li>
 *   <li>sizes are not checked here: {@link ImagePreprocessor} refuses, with a typed error, any resize whose output
 *       holds too many pixels, which bounds the coefficient tables and both passes' buffers (Pillow checks the
 *       size of each allocation and raises {@code MemoryError}).</li>
 * </ul>
 */
final class PilResize {
    private static final int PRECISION_BITS = 32 - 8 - 2;

    /** Pillow's antialiasing filters, with their support radius at scale 1. */
    enum Filter {
        BICUBIC(2.0), BILINEAR(1.0);

        final double support;

        Filter(double support) {
            this.support = support;
        }

        /** The kernel; bicubic is Keys' cubic with a = -0.5, written in Pillow's evaluation order. */
        double weight(double x) {
            x = Math.abs(x);
            if (this == BILINEAR) {
                return x < 1.0 ? 1.0 - x : 0.0;
            }
            final double a = -0.5;
            if (x < 1.0) {
                return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
            }
            if (x < 2.0) {
                return (((x - 5) * x + 8) * x - 4) * a;
            }
            return 0.0;
        }
    }

    /** Per output pixel: the first source pixel, how many follow, and their weights (row {@code i·kernelSize}). */
    record Coefficients(int kernelSize, int[] first, int[] count, double[] weights) {}

    private PilResize() {}

    /** The image resized to {@code width × height}, as Pillow's {@code resize((width, height), filter)}. */
    static PilImage resize(PilImage im, int width, int height, Filter filter) {
        if (im.width() == width && im.height() == height) {
            return im;
        }
        return switch (im.mode()) {
            case ONE, P -> nearest(im, width, height);
            case I -> separable32(im, width, height, filter);
            case LA, RGBA -> unpremultiply(separable8(premultiply(im), width, height, filter));
            case L, RGB, CMYK -> separable8(im, width, height, filter);
        };
    }

    /** {@code precompute_coeffs}: window and normalised double weights of each output pixel. */
    static Coefficients coefficients(int inSize, int outSize, Filter filter) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = filter.support * filterScale;
        int kernelSize = (int) Math.ceil(support) * 2 + 1;
        int[] first = new int[outSize], count = new int[outSize];
        double[] weights = new double[outSize * kernelSize];
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            double ss = 1.0 / filterScale;
            int xmin = Math.max(0, (int) (center - support + 0.5));
            int xmax = Math.min(inSize, (int) (center + support + 0.5)) - xmin;
            double sum = 0.0;
            for (int x = 0; x < xmax; x++) {
                double w = filter.weight((x + xmin - center + 0.5) * ss);
                weights[xx * kernelSize + x] = w;
                sum += w;
            }
            for (int x = 0; x < xmax; x++) {
                if (sum != 0.0) {
                    weights[xx * kernelSize + x] /= sum;
                }
            }
            first[xx] = xmin;
            count[xx] = xmax;
        }
        return new Coefficients(kernelSize, first, count, weights);
    }

    /** {@code normalize_coeffs_8bpc}: weights in 22-bit fixed point, rounded half away from zero. */
    static int[] fixedPoint(double[] weights) {
        int[] fixed = new int[weights.length];
        for (int i = 0; i < weights.length; i++) {
            double scaled = weights[i] * (1 << PRECISION_BITS);
            fixed[i] = (int) (weights[i] < 0 ? -0.5 + scaled : 0.5 + scaled);
        }
        return fixed;
    }

    private static int clip8(int acc) {
        if (acc >= (1 << PRECISION_BITS << 8)) {
            return 255;
        }
        return acc <= 0 ? 0 : acc >>> PRECISION_BITS;
    }

    private static PilImage separable8(PilImage im, int width, int height, Filter filter) {
        int bands = im.mode().bands();
        byte[] pixels = im.samples();
        int w = im.width(), h = im.height();
        if (width != w) {
            pixels = pass8(pixels, h, w, bands, coefficients(w, width, filter), true);
            w = width;
        }
        if (height != h) {
            pixels = pass8(pixels, w, h, bands, coefficients(h, height, filter), false);
        }
        return im.withPixels(width, height, pixels, null);
    }

    /**
     * One 8-bit pass. {@code lines} lines of {@code inLength} pixels are resampled along x ({@code horizontal}) or
     * along y; the source stride follows from the direction.
     */
    private static byte[] pass8(byte[] in, int lines, int inLength, int bands, Coefficients c, boolean horizontal) {
        int outLength = c.first().length;
        int[] k = fixedPoint(c.weights());
        byte[] out = new byte[lines * outLength * bands];
        for (int line = 0; line < lines; line++) {
            for (int o = 0; o < outLength; o++) {
                int kBase = o * c.kernelSize();
                for (int b = 0; b < bands; b++) {
                    int acc = 1 << (PRECISION_BITS - 1);
                    for (int x = 0; x < c.count()[o]; x++) {
                        int src = c.first()[o] + x;
                        int index = horizontal ? (line * inLength + src) * bands + b : (src * lines + line) * bands + b;
                        acc += (in[index] & 0xFF) * k[kBase + x];
                    }
                    int dst = horizontal ? (line * outLength + o) * bands + b : (o * lines + line) * bands + b;
                    out[dst] = (byte) clip8(acc);
                }
            }
        }
        return out;
    }

    private static PilImage separable32(PilImage im, int width, int height, Filter filter) {
        int[] pixels = im.intSamples();
        int w = im.width(), h = im.height();
        if (width != w) {
            pixels = pass32(pixels, h, w, coefficients(w, width, filter), true);
            w = width;
        }
        if (height != h) {
            pixels = pass32(pixels, w, h, coefficients(h, height, filter), false);
        }
        return im.withPixels(width, height, null, pixels);
    }

    private static int[] pass32(int[] in, int lines, int inLength, Coefficients c, boolean horizontal) {
        int outLength = c.first().length;
        int[] out = new int[lines * outLength];
        for (int line = 0; line < lines; line++) {
            for (int o = 0; o < outLength; o++) {
                double acc = 0.0;
                for (int x = 0; x < c.count()[o]; x++) {
                    int src = c.first()[o] + x;
                    acc += in[horizontal ? line * inLength + src : src * lines + line] * c.weights()[o * c.kernelSize() + x];
                }
                // Pillow's ROUND_UP adds a float 0.5 to the double sum: half away from zero.
                out[horizontal ? line * outLength + o : o * lines + line] = (int) (acc >= 0.0 ? acc + 0.5f : acc - 0.5f);
            }
        }
        return out;
    }

    /** {@code ImagingScaleAffine}: source coordinates accumulated in double, as Pillow steps them. */
    private static PilImage nearest(PilImage im, int width, int height) {
        double stepX = (double) im.width() / width, stepY = (double) im.height() / height;
        int[] column = new int[width];
        double xo = stepX * 0.5;
        for (int x = 0; x < width; x++, xo += stepX) {
            column[x] = xo < 0.0 ? -1 : (int) xo;
        }
        byte[] in = im.samples();
        byte[] out = new byte[width * height];
        double yo = stepY * 0.5;
        for (int y = 0; y < height; y++, yo += stepY) {
            int row = yo < 0.0 ? -1 : (int) yo;
            for (int x = 0; x < width; x++) {
                boolean inside = row >= 0 && row < im.height() && column[x] >= 0 && column[x] < im.width();
                out[y * width + x] = inside ? in[row * im.width() + column[x]] : 0;
            }
        }
        return im.withPixels(width, height, out, null);
    }

    /** {@code c' = (t + (t >> 8)) >> 8} with {@code t = c·a + 128}: Pillow's exact divide-by-255. */
    private static int mulDiv255(int c, int a) {
        int t = c * a + 128;
        return (t + (t >> 8)) >> 8;
    }

    /** RGBA to Pillow's RGBa (or LA to La): colour bands premultiplied by the last band. */
    private static PilImage premultiply(PilImage im) {
        int bands = im.mode().bands();
        byte[] in = im.samples(), out = in.clone();
        for (int p = 0; p < out.length; p += bands) {
            int alpha = in[p + bands - 1] & 0xFF;
            for (int b = 0; b < bands - 1; b++) {
                out[p + b] = (byte) mulDiv255(in[p + b] & 0xFF, alpha);
            }
        }
        return im.withPixels(im.width(), im.height(), out, null);
    }

    /** RGBa back to RGBA: colour divided by alpha (integer division, capped at 255) unless alpha is 0 or 255. */
    private static PilImage unpremultiply(PilImage im) {
        int bands = im.mode().bands();
        byte[] px = im.samples();
        for (int p = 0; p < px.length; p += bands) {
            int alpha = px[p + bands - 1] & 0xFF;
            if (alpha != 0 && alpha != 255) {
                for (int b = 0; b < bands - 1; b++) {
                    px[p + b] = (byte) Math.min(255, 255 * (px[p + b] & 0xFF) / alpha);
                }
            }
        }
        return im;
    }
}
