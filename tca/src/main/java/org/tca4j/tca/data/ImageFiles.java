package org.tca4j.tca.data;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Finds and decodes image files (PNG, JPEG, BMP, GIF, TIFF) into {@link ByteImage}s with the JDK's ImageIO. The
 * dataset readers and the command line share its idea of what an image file is.
 */
public final class ImageFiles {
    /** File name extensions read as images, lower case, without the dot. */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");

    private ImageFiles() {}

    /** Whether {@code file}'s extension is one of {@link #EXTENSIONS}. */
    public static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1));
    }

    /** The regular files directly in {@code dir} that {@link #isImage} accepts, sorted by path. */
    public static List<Path> imagesIn(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile).filter(ImageFiles::isImage).sorted().toList();
        }
    }

    /**
     * Reads {@code file}. 8-bit grayscale stays one channel; everything else becomes RGB (alpha is dropped, as
     * PIL's {@code convert("RGB")} does).
     *
     * @throws DatasetException when the file is missing or not a decodable image
     */
    public static ByteImage read(Path file) {
        BufferedImage image;
        try (InputStream in = Files.newInputStream(file)) {
            image = ImageIO.read(in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DatasetException(file, "no such file", e);
        } catch (IOException | RuntimeException e) {
            throw new DatasetException(file, "cannot decode image: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new DatasetException(file, "not a readable image (no decoder recognised the data)");
        }
        return fromBufferedImage(image);
    }

    /** Converts a decoded image: 8-bit single-band gray stays gray, anything else becomes RGB. */
    public static ByteImage fromBufferedImage(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY && raster.getNumBands() == 1) {
            int[] samples = raster.getSamples(0, 0, w, h, 0, (int[]) null);
            byte[] gray = new byte[w * h];
            for (int i = 0; i < gray.length; i++) {
                gray[i] = (byte) samples[i];
            }
            return new ByteImage(w, h, 1, gray);
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (byte) (argb[i] >> 16);
            rgb[3 * i + 1] = (byte) (argb[i] >> 8);
            rgb[3 * i + 2] = (byte) argb[i];
        }
        return new ByteImage(w, h, 3, rgb);
    }

    /** The image as a {@link BufferedImage} (gray or RGB), e.g. to encode it. */
    public static BufferedImage toBufferedImage(ByteImage image) {
        int w = image.width();
        int h = image.height();
        if (image.channels() == 1) {
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            out.getRaster().setDataElements(0, 0, w, h, image.pixels().clone());
            return out;
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        // the raster's data elements are per band, R G B, whatever the storage order
        out.getRaster().setDataElements(0, 0, w, h, image.pixels().clone());
        return out;
    }
}
