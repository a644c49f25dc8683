package org.tca4j.vit.image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOException;
import javax.imageio.ImageReader;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * JPEG pixels in the mode Pillow's {@code JpegImagePlugin} gives them: 1 component → L, 3 → RGB (ImageIO's
 * YCbCr conversion), 4 → CMYK. For 4 components ImageIO cannot convert, so the raw samples are read and
 * transformed as libjpeg does for Pillow: YCCK (Adobe transform 2) to CMYK with libjpeg's fixed-point YCbCr
 * tables, and Adobe files inverted (Pillow's raw mode {@code CMYK;I}). A file cut off inside its scan data is
 * refused, as Pillow refuses it, where libjpeg alone would pad it with gray.
 */
final class JpegModes {
    private static final int SCALE_BITS = 16;
    private static final int ONE_HALF = 1 << (SCALE_BITS - 1);

    private JpegModes() {}

    static PilImage decode(ImageReader reader) throws IOException {
        List<String> truncations = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> {
            if (warning.toLowerCase(Locale.ROOT).contains("premature end")) {
                truncations.add(warning);
            }
        });
        PilImage image = decodeModes(reader);
        if (!truncations.isEmpty()) {
            // libjpeg pads a cut-off scan with gray and warns; Pillow refuses such a file ("image file is truncated")
            throw new IIOException("the file is truncated (" + truncations.getFirst() + ")");
        }
        return image;
    }

    private static PilImage decodeModes(ImageReader reader) throws IOException {
        Node root = reader.getImageMetadata(0).getAsTree("javax_imageio_jpeg_image_1.0");
        int components = count(root, "componentSpec");
        if (components == 4) {
            return cmyk(reader.readRaster(0, null), adobeTransform(root));
        }
        BufferedImage image = reader.read(0);
        int w = image.getWidth(), h = image.getHeight();
        return components == 1
                ? PilImage.of(PilImage.Mode.L, w, h, Samples.interleave(image.getRaster(), new int[] {0}, 0))
                : PilImage.of(PilImage.Mode.RGB, w, h, Samples.interleave(image.getRaster(), new int[] {0, 1, 2}, 0));
    }

    private static PilImage cmyk(Raster raw, int adobeTransform) {
        byte[] px = Samples.interleave(raw, new int[] {0, 1, 2, 3}, 0);
        for (int p = 0; p < px.length; p += 4) {
            if (adobeTransform == 2) {
                yccToInvertedRgb(px, p);
            }
            if (adobeTransform >= 0) {
                for (int c = 0; c < 4; c++) {
                    px[p + c] = (byte) (255 - (px[p + c] & 0xFF));
                }
            }
        }
        return PilImage.of(PilImage.Mode.CMYK, raw.getWidth(), raw.getHeight(), px);
    }

    /** libjpeg's {@code ycck_cmyk_convert}: C, M, Y = 255 − R, G, B of the YCbCr triple; K unchanged. */
    private static void yccToInvertedRgb(byte[] px, int p) {
        int y = px[p] & 0xFF, cb = (px[p + 1] & 0xFF) - 128, cr = (px[p + 2] & 0xFF) - 128;
        int r = y + ((fix(1.40200) * cr + ONE_HALF) >> SCALE_BITS);
        int g = y + ((-fix(0.34414) * cb - fix(0.71414) * cr + ONE_HALF) >> SCALE_BITS);
        int b = y + ((fix(1.77200) * cb + ONE_HALF) >> SCALE_BITS);
        px[p] = (byte) (255 - Math.clamp(r, 0, 255));
        px[p + 1] = (byte) (255 - Math.clamp(g, 0, 255));
        px[p + 2] = (byte) (255 - Math.clamp(b, 0, 255));
    }

    private static int fix(double x) {
        return (int) (x * (1L << SCALE_BITS) + 0.5);
    }

    private static int count(Node node, String name) {
        int n = node.getNodeName().equals(name) ? 1 : 0;
        for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
            n += count(c, name);
        }
        return n;
    }

    /** The Adobe APP14 transform flag (0 none, 1 YCbCr, 2 YCCK), or -1 without an Adobe marker. */
    private static int adobeTransform(Node node) {
        if (node.getNodeName().equals("app14Adobe")) {
            return Integer.parseInt(((Element) node).getAttribute("transform"));
        }
        for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
            int t = adobeTransform(c);
            if (t >= 0) {
                return t;
            }
        }
        return -1;
    }
}
