package org.tca4j.vit.image;

import java.util.Objects;

/**
 * A decoded image as Pillow holds it after {@code Image.open}: a mode, a size, and interleaved samples.
 *
 * <p>Eight-bit modes keep one byte per band per pixel, row-major, bands interleaved ({@code RGBRGB...}); mode
 * {@link Mode#I} (what Pillow makes of 16-bit grayscale PNG) keeps one {@code int} per pixel; mode {@link Mode#P}
 * keeps palette indices plus a 256-entry RGB palette. Mode {@link Mode#ONE} stores 0 or 255, as Pillow does.
 * The arrays are owned by this object once passed in.
 */
public final class PilImage {
    /** Pillow's image modes that reach the eval transform. */
    public enum Mode {
        /** Bilevel, stored as 0/255; resized with NEAREST. */
        ONE(1),
        /** 8-bit grayscale. */
        L(1),
        /** Grayscale and alpha; resized premultiplied. */
        LA(2),
        /** 8-bit RGB. */
        RGB(3),
        /** RGB and alpha; resized premultiplied, alpha dropped by {@code convert('RGB')}. */
        RGBA(4),
        /** Palette indices; resized with NEAREST, colours looked up by {@code convert('RGB')}. */
        P(1),
        /** 32-bit signed integer gray (16-bit PNG); {@code convert('RGB')} clips it to 0..255. */
        I(1),
        /** Ink values as Pillow stores them (0 = no ink); {@code convert('RGB')} subtracts ink from white. */
        CMYK(4);

        private final int bands;

        Mode(int bands) {
            this.bands = bands;
        }

        public int bands() {
            return bands;
        }
    }

    private final Mode mode;
    private final int width;
    private final int height;
    private final byte[] samples;
    private final int[] intSamples;
    private final byte[] palette;

    private PilImage(Mode mode, int width, int height, byte[] samples, int[] intSamples, byte[] palette) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "×" + height);
        }
        long expected = (long) width * height * (mode == Mode.I ? 1 : mode.bands());
        long actual = mode == Mode.I ? intSamples.length : samples.length;
        if (expected != actual) {
            throw new IllegalArgumentException(mode + " image " + width + "×" + height + " needs " + expected
                    + " samples, got " + actual);
        }
        if (mode == Mode.P && palette.length != 768) {
            throw new IllegalArgumentException("a palette has 256 RGB entries (768 bytes), got " + palette.length);
        }
        this.mode = mode;
        this.width = width;
        this.height = height;
        this.samples = samples;
        this.intSamples = intSamples;
        this.palette = palette;
    }

    /**
     * An 8-bit image (any mode but {@link Mode#I} and {@link Mode#P}) over interleaved samples, e.g. a raw
     * Fashion-MNIST 28×28 digit as {@code of(Mode.L, 28, 28, bytes)}.
     */
    public static PilImage of(Mode mode, int width, int height, byte[] samples) {
        if (mode == Mode.I || mode == Mode.P) {
            throw new IllegalArgumentException("use ofInts for mode I and ofPalette for mode P");
        }
        return new PilImage(mode, width, height, Objects.requireNonNull(samples, "samples"), null, null);
    }

    /** A mode {@link Mode#I} image over one int per pixel. */
    public static PilImage ofInts(int width, int height, int[] samples) {
        return new PilImage(Mode.I, width, height, null, Objects.requireNonNull(samples, "samples"), null);
    }

    /** A mode {@link Mode#P} image: one index per pixel and 256 RGB palette entries (768 bytes). */
    public static PilImage ofPalette(int width, int height, byte[] indices, byte[] paletteRgb) {
        return new PilImage(Mode.P, width, height, Objects.requireNonNull(indices, "indices"), null,
                Objects.requireNonNull(paletteRgb, "palette"));
    }

    public Mode mode() {
        return mode;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The interleaved 8-bit samples (not a copy), or null for mode {@link Mode#I}. */
    byte[] samples() {
        return samples;
    }

    /** The int samples (not a copy) of a mode {@link Mode#I} image, else null. */
    int[] intSamples() {
        return intSamples;
    }

    /** The 768-byte palette of a mode {@link Mode#P} image, else null. */
    byte[] palette() {
        return palette;
    }

    /** The same kind of image (mode, palette) with other pixels. */
    PilImage withPixels(int newWidth, int newHeight, byte[] newSamples, int[] newInts) {
        return new PilImage(mode, newWidth, newHeight, newSamples, newInts, palette);
    }
}
