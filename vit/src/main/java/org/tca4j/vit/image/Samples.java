package org.tca4j.vit.image;

import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/** Sample extraction from ImageIO rasters, one row at a time (no full-image int buffer). */
final class Samples {
    private Samples() {}

    /** The given bands of every pixel, interleaved, each sample shifted right by {@code shift} (8 for 16-bit). */
    static byte[] interleave(Raster raster, int[] bands, int shift) {
        int w = raster.getWidth(), h = raster.getHeight(), n = bands.length;
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), n)];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int b = 0; b < n; b++) {
                raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, bands[b], row);
                for (int x = 0; x < w; x++) {
                    out[(y * w + x) * n + b] = (byte) (row[x] >>> shift);
                }
            }
        }
        return out;
    }

    /** One band as ints (16-bit gray for Pillow's mode I). */
    static int[] ints(Raster raster, int band) {
        int w = raster.getWidth(), h = raster.getHeight();
        int[] out = new int[Math.multiplyExact(w, h)];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, band, row);
            System.arraycopy(row, 0, out, y * w, w);
        }
        return out;
    }

    /** A 256-entry RGB palette (768 bytes); entries past the colour model's map are black. */
    static byte[] palette(IndexColorModel icm) {
        byte[] palette = new byte[768];
        int n = Math.min(256, icm.getMapSize());
        for (int i = 0; i < n; i++) {
            palette[3 * i] = (byte) icm.getRed(i);
            palette[3 * i + 1] = (byte) icm.getGreen(i);
            palette[3 * i + 2] = (byte) icm.getBlue(i);
        }
        return palette;
    }

    /** Whether the first {@code entries} palette entries are (0,0,0), (1,1,1), ... */
    static boolean isIdentityGrayRamp(byte[] palette, int entries) {
        for (int i = 0; i < Math.min(entries, 256); i++) {
            for (int c = 0; c < 3; c++) {
                if ((palette[3 * i + c] & 0xFF) != i) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether a two-entry palette is black then white. */
    static boolean isBlackWhite(byte[] palette) {
        for (int c = 0; c < 3; c++) {
            if (palette[c] != 0 || palette[3 + c] != (byte) 255) {
                return false;
            }
        }
        return true;
    }
}
