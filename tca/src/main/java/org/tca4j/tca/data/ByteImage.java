package org.tca4j.tca.data;

import java.util.Arrays;

/**
 * An 8-bit image as it is stored on disk, before any preprocessing: {@code height × width × channels}, interleaved,
 * row-major, one unsigned byte per sample. {@code channels} is 1 (grayscale, e.g. Fashion-MNIST) or 3 (RGB).
 * Corruptions work on this form, as Hendrycks &amp; Dietterich apply theirs to the stored image.
 */
public record ByteImage(int width, int height, int channels, byte[] pixels) {
    public ByteImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (pixels.length != (long) width * height * channels) {
            throw new IllegalArgumentException("expected " + (long) width * height * channels + " bytes for a "
                    + width + "x" + height + "x" + channels + " image, got " + pixels.length);
        }
    }

    /** A black image. */
    public static ByteImage blank(int width, int height, int channels) {
        return new ByteImage(width, height, channels, new byte[width * height * channels]);
    }

    /** The sample at (x, y, channel) as 0..255. */
    public int get(int x, int y, int channel) {
        return pixels[(y * width + x) * channels + channel] & 0xFF;
    }

    /** The number of samples, {@code width·height·channels}. */
    public int samples() {
        return pixels.length;
    }

    /** Sample {@code i} of the interleaved array as 0..255. */
    public int sample(int i) {
        return pixels[i] & 0xFF;
    }

    /** This image with every sample replaced by {@code samples[i]} (already 0..255). */
    public ByteImage withSamples(byte[] samples) {
        return new ByteImage(width, height, channels, samples);
    }

    /** This image as RGB: gray samples are repeated in the three channels (PIL's {@code convert("RGB")}). */
    public ByteImage toRgb() {
        if (channels == 3) {
            return this;
        }
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0; i < width * height; i++) {
            rgb[3 * i] = pixels[i];
            rgb[3 * i + 1] = pixels[i];
            rgb[3 * i + 2] = pixels[i];
        }
        return new ByteImage(width, height, 3, rgb);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteImage b && b.width == width && b.height == height && b.channels == channels
                && Arrays.equals(b.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * width + height) + channels) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "ByteImage[" + width + "x" + height + "x" + channels + "]";
    }
}
