package org.tca4j.vit.image;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import javax.imageio.ImageReader;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * PNG pixels in the mode Pillow 9.4's {@code PngImagePlugin} gives them ({@code _MODES}: bit depth and colour type
 * to mode and raw mode). ImageIO's raster holds the file's raw samples (no gamma), read here band by band.
 */
final class PngModes {
    private PngModes() {}

    static PilImage decode(ImageReader reader) throws IOException {
        Element ihdr = header(reader);
        int bitDepth = Integer.parseInt(ihdr.getAttribute("bitDepth"));
        String colorType = ihdr.getAttribute("colorType");
        BufferedImage image = reader.read(0);
        Raster raster = image.getRaster();
        int w = image.getWidth(), h = image.getHeight();
        int shift = bitDepth == 16 ? 8 : 0; // Pillow's ";16B" raw modes keep the most significant byte
        return switch (colorType) {
            case "Grayscale" -> gray(raster, w, h, bitDepth);
            case "RGB" -> PilImage.of(PilImage.Mode.RGB, w, h, Samples.interleave(raster, new int[] {0, 1, 2}, shift));
            case "Palette" -> PilImage.ofPalette(w, h, Samples.interleave(raster, new int[] {0}, 0),
                    Samples.palette((IndexColorModel) image.getColorModel()));
            case "GrayAlpha" -> bitDepth == 16
                    // Pillow opens 16-bit gray+alpha as RGBA (raw mode LA;16B).
                    ? PilImage.of(PilImage.Mode.RGBA, w, h, Samples.interleave(raster, new int[] {0, 0, 0, 1}, 8))
                    : PilImage.of(PilImage.Mode.LA, w, h, Samples.interleave(raster, new int[] {0, 1}, 0));
            case "RGBAlpha" -> PilImage.of(PilImage.Mode.RGBA, w, h,
                    Samples.interleave(raster, new int[] {0, 1, 2, 3}, shift));
            default -> throw new IOException("unknown PNG colour type " + colorType);
        };
    }

    /** Gray: 1-bit → mode 1 (0/255), 2- and 4-bit → L scaled by 85 or 17, 8-bit → L, 16-bit → I (raw value). */
    private static PilImage gray(Raster raster, int w, int h, int bitDepth) {
        if (bitDepth == 16) {
            return PilImage.ofInts(w, h, Samples.ints(raster, 0));
        }
        byte[] samples = Samples.interleave(raster, new int[] {0}, 0);
        if (bitDepth < 8) {
            int scale = 255 / ((1 << bitDepth) - 1);
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (byte) ((samples[i] & 0xFF) * scale);
            }
        }
        return PilImage.of(bitDepth == 1 ? PilImage.Mode.ONE : PilImage.Mode.L, w, h, samples);
    }

    private static Element header(ImageReader reader) throws IOException {
        Node root = reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeName().equals("IHDR")) {
                return (Element) n;
            }
        }
        throw new IOException("PNG without an IHDR chunk");
    }
}
