package org.tca4j.vit.image;

/**
 * Pillow's {@code crop} followed by {@code convert('RGB')}, for every mode of {@link PilImage}.
 *
 * <p>Reference: Pillow 9.4 {@code src/libImaging/Convert.c} ({@code l2rgb}, {@code la2rgb}, {@code rgba2rgb},
 * {@code p2rgb}, {@code i2rgb}, {@code cmyk2rgb}, {@code bit2rgb}).
 *
 * <p>Deviations from the reference:
 * <ul>
 *   <li>only the eight modes of {@link PilImage.Mode} in, only RGB out; Pillow's other modes (F, I;16, PA, La,
 *       RGBa, RGBX, YCbCr, LAB, HSV) and targets are not ported;</li>
 *   <li>a window that leaves the image is an {@link IllegalArgumentException}; Pillow's {@code crop} fills the
 *       outside with zeros (the preprocessor's centre crop always lies inside);</li>
 *   <li>crop and conversion are one pass that converts only the window, where Pillow copies the window and then
 *       converts it; the pixels are the same;</li>
 *   <li>mode 1 pixels are copied as stored (0 or 255) rather than tested for non-zero, the same for Pillow's
 *       0/255 storage; a palette is 256 RGB entries (Pillow's 4-byte entries, alpha unused by
 *       {@code p2rgb}).</li>
 * </ul>
 */
final class PilConvert {
    private PilConvert() {}

    /** The {@code width × height} window at {@code (left, top)}, converted to interleaved RGB bytes. */
    static byte[] cropToRgb(PilImage im, int left, int top, int width, int height) {
        if (left < 0 || top < 0 || left + width > im.width() || top + height > im.height()) {
            throw new IllegalArgumentException("crop " + width + "×" + height + " at (" + left + ", " + top
                    + ") leaves the " + im.width() + "×" + im.height() + " image");
        }
        byte[] out = new byte[width * height * 3];
        int bands = im.mode().bands();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int src = (top + y) * im.width() + left + x;
                int dst = (y * width + x) * 3;
                rgbOf(im, src, bands, out, dst);
            }
        }
        return out;
    }

    private static void rgbOf(PilImage im, int pixel, int bands, byte[] out, int dst) {
        switch (im.mode()) {
            case ONE, L, LA -> {
                byte g = im.samples()[pixel * bands];
                out[dst] = g;
                out[dst + 1] = g;
                out[dst + 2] = g;
            }
            case RGB, RGBA -> System.arraycopy(im.samples(), pixel * bands, out, dst, 3);
            case P -> System.arraycopy(im.palette(), (im.samples()[pixel] & 0xFF) * 3, out, dst, 3);
            case I -> {
                byte g = (byte) Math.clamp(im.intSamples()[pixel], 0, 255);
                out[dst] = g;
                out[dst + 1] = g;
                out[dst + 2] = g;
            }
            case CMYK -> {
                byte[] s = im.samples();
                int notBlack = 255 - (s[pixel * 4 + 3] & 0xFF);
                for (int c = 0; c < 3; c++) {
                    int t = (s[pixel * 4 + c] & 0xFF) * notBlack + 128;
                    out[dst + c] = (byte) Math.clamp(notBlack - ((t + (t >> 8)) >> 8), 0, 255);
                }
            }
        }
    }
}
