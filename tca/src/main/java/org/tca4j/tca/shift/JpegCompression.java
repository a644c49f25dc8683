package org.tca4j.tca.shift;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.awt.image.BufferedImage;
import javax.imageio.IIOImage;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGQTable;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.tca4j.tca.data.ByteImage;
import org.tca4j.tca.data.ImageFiles;

/**
 * JPEG compression as Hendrycks &amp; Dietterich define it ({@code jpeg_compression} in {@code make_imagenet_c.py}):
 * encode with PIL at quality q, decode. We encode with the JDK's JPEG writer (baseline, Huffman tables of the JPEG
 * standard, 4:2:0 chroma for RGB, one component for gray) and give it the quantisation tables libjpeg's
 * {@code jpeg_set_quality(q, TRUE)} makes, as PIL does: the standard Annex K tables scaled by {@code 5000/q} percent
 * below q = 50, else {@code 200 − 2q} percent, i.e. {@code (t·s + 50) / 100} clamped to 1..255.
 *
 * <p>Deviations from the reference: the codec is the JDK's (IJG libjpeg 6b), not PIL's libjpeg-turbo; given the same
 * tables the two give identical pixels on the goldens (testdata/shift, Pillow 9.4 with libjpeg-turbo 6.2), gray and
 * RGB, both severity tables.
 */
final class JpegCompression {
    private JpegCompression() {}

    static ByteImage apply(ByteImage image, int quality) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                BufferedImage source = ImageFiles.toBufferedImage(image);
                IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(source), null);
                setQuantisationTables(metadata, tables(quality, image.channels()));
                writer.write(null, new IIOImage(source, null, metadata), null);
            } finally {
                writer.dispose();
            }
            ByteImage decoded = ImageFiles.fromBufferedImage(ImageIO.read(new ByteArrayInputStream(bytes.toByteArray())));
            return image.channels() == 1 && decoded.channels() == 3 ? firstChannel(decoded) : decoded;
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG round trip failed", e);
        }
    }

    /** Replaces the DQT tables of the writer's default (standard-table) metadata, in order. */
    private static void setQuantisationTables(IIOMetadata metadata, JPEGQTable[] tables) throws IOException {
        String format = "javax_imageio_jpeg_image_1.0";
        Node root = metadata.getAsTree(format);
        NodeList nodes = ((IIOMetadataNode) root).getElementsByTagName("dqtable");
        if (nodes.getLength() != tables.length) {
            throw new IOException("the JPEG writer's metadata has " + nodes.getLength() + " quantisation tables, expected "
                    + tables.length);
        }
        for (int i = 0; i < tables.length; i++) {
            ((IIOMetadataNode) nodes.item(i)).setUserObject(tables[i]);
        }
        metadata.setFromTree(format, root);
    }

    /** libjpeg's quality scaling of the Annex K tables; luminance, plus chrominance for colour images. */
    static JPEGQTable[] tables(int quality, int channels) {
        int q = Math.clamp(quality, 1, 100);
        int percent = q < 50 ? 5000 / q : 200 - 2 * q;
        JPEGQTable luma = scale(JPEGQTable.K1Luminance, percent);
        return channels == 1 ? new JPEGQTable[] {luma} : new JPEGQTable[] {luma, scale(JPEGQTable.K2Chrominance, percent)};
    }

    private static JPEGQTable scale(JPEGQTable table, int percent) {
        int[] t = table.getTable();
        int[] scaled = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            scaled[i] = Math.clamp((t[i] * (long) percent + 50) / 100, 1, 255);
        }
        return new JPEGQTable(scaled);
    }

    private static ByteImage firstChannel(ByteImage rgb) {
        byte[] gray = new byte[rgb.width() * rgb.height()];
        for (int i = 0; i < gray.length; i++) {
            gray[i] = rgb.pixels()[3 * i];
        }
        return new ByteImage(rgb.width(), rgb.height(), 1, gray);
    }
}
