package org.tca4j.vit.image;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.tca4j.vit.image.ImageInputException.Reason;

/**
 * Decodes PNG, JPEG, BMP and GIF with {@code javax.imageio} into the mode Pillow's {@code Image.open} would give.
 *
 * <p>The header is read first and an image declaring more than {@code maxPixels} pixels is rejected before any
 * pixel buffer is allocated. Before that, a PNG's chunks are scanned ({@link PngChunkScan}): a chunk that leaves
 * the file, or compressed text or ICC data that inflates past Pillow's limits, is refused without being inflated
 * in full. Anything the decoder throws becomes an {@link ImageInputException} naming the source.
 *
 * <p>A regular file is read where it lies. A stream, or a file that is not regular (a pipe, {@code /dev/stdin}),
 * has no size to check the chunks against and cannot seek back, so it is read into memory first, at most
 * {@link #MAX_STREAM_BYTES}; like any reader of a pipe, that waits for the writer to open and close it.
 *
 * <p>Modes, as Pillow 9.4's plugins choose them: PNG gray 1-bit → 1, 2/4/8-bit → L (scaled to 0..255),
 * 16-bit → I; RGB → RGB (16-bit: high byte); palette → P; gray+alpha → LA (16-bit: RGBA); RGBA → RGBA (16-bit: high
 * bytes); a tRNS chunk on gray or RGB is ignored (Pillow keeps it aside, {@code convert('RGB')} drops it). JPEG:
 * gray → L, colour → RGB, 4-channel → CMYK (Adobe files inverted, YCCK converted). BMP and GIF: palette → P, except
 * an identity gray ramp → L (and a black/white BMP → 1); direct colour → RGB or RGBA.
 *
 * <p>Deviations from the reference: JPEG pixels come from the JDK's libjpeg 6b, not Pillow's libjpeg-turbo, so
 * they can differ by a few units (measured in the tests); EXIF orientation is ignored by both.
 */
public final class ImageDecoder {
    /**
     * The most bytes read into memory from a stream or a non-regular file. A 100 MP JPEG takes tens of MB; a PNG
     * that large may not fit, and can be decoded from a regular file, which is read where it lies.
     */
    public static final int MAX_STREAM_BYTES = 256 << 20;

    /** A check of the size a header declares, made before any pixel buffer is allocated. */
    @FunctionalInterface
    interface HeaderCheck {
        void check(String source, int width, int height) throws ImageInputException;
    }

    private ImageDecoder() {}

    /** Decodes a file; one that is not regular (a pipe) is read into memory first, see {@link #MAX_STREAM_BYTES}. */
    public static PilImage decode(Path file, long maxPixels) throws ImageInputException {
        return decode(file, pixelLimit(maxPixels));
    }

    /** Decodes a file, refusing it with {@code headerCheck} once its header is read. */
    static PilImage decode(Path file, HeaderCheck headerCheck) throws ImageInputException {
        if (!Files.isReadable(file)) {
            throw new ImageInputException(file.toString(), Reason.UNREADABLE, "no such readable file");
        }
        if (Files.isDirectory(file)) {
            throw new ImageInputException(file.toString(), Reason.UNREADABLE, "a directory, not an image file");
        }
        if (!Files.isRegularFile(file)) {
            return decode(readNonRegularFile(file), file.toString(), headerCheck);
        }
        ImageInputStream in;
        long size;
        try {
            size = Files.size(file);
            in = ImageIO.createImageInputStream(file.toFile());
        } catch (IOException e) {
            throw new ImageInputException(file.toString(), Reason.UNREADABLE, "cannot open: " + e.getMessage(), e);
        }
        if (in == null) {
            throw new ImageInputException(file.toString(), Reason.UNREADABLE, "cannot open");
        }
        return decode(in, size, file.toString(), headerCheck);
    }

    /** Decodes encoded bytes; {@code source} names them in error messages. */
    public static PilImage decode(byte[] encoded, String source, long maxPixels) throws ImageInputException {
        return decode(encoded, source, pixelLimit(maxPixels));
    }

    /** Decodes encoded bytes, refusing them with {@code headerCheck} once their header is read. */
    static PilImage decode(byte[] encoded, String source, HeaderCheck headerCheck) throws ImageInputException {
        ImageInputStream in;
        try {
            in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded));
        } catch (IOException e) {
            throw new ImageInputException(source, Reason.UNREADABLE, "cannot read: " + e.getMessage(), e);
        }
        return decode(in, encoded.length, source, headerCheck);
    }

    private static PilImage decode(ImageInputStream stream, long size, String source, HeaderCheck headerCheck)
            throws ImageInputException {
        try (ImageInputStream in = stream) {
            // A PNG's chunks are checked first: none may leave the file or inflate past Pillow's limits.
            PngChunkScan.check(in, size, source);
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageInputException(source, Reason.UNSUPPORTED,
                        "not an image in a supported format (PNG, JPEG, BMP, GIF)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, false);
                // Only the header has been read so far: refuse absurd sizes before any pixel buffer exists.
                headerCheck.check(source, reader.getWidth(0), reader.getHeight(0));
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                return switch (format) {
                    case "png" -> PngModes.decode(reader);
                    case "jpeg", "jpg" -> JpegModes.decode(reader);
                    default -> fromIndexedOrDirect(reader.read(0), format, source);
                };
            } finally {
                reader.dispose();
            }
        } catch (ImageInputException e) {
            throw e;
        } catch (IIOException e) {
            throw new ImageInputException(source, Reason.CORRUPT, "damaged image data: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new ImageInputException(source, Reason.CORRUPT, "cannot decode: " + e, e);
        }
    }

    /** Decodes from a stream, read to its end first (at most {@link #MAX_STREAM_BYTES}); the stream is not closed. */
    public static PilImage decode(InputStream in, String source, long maxPixels) throws ImageInputException {
        return decode(readBounded(in, MAX_STREAM_BYTES, source), source, maxPixels);
    }

    /** A pipe or device file read to its end, at most {@link #MAX_STREAM_BYTES}. */
    private static byte[] readNonRegularFile(Path file) throws ImageInputException {
        try (InputStream in = Files.newInputStream(file)) {
            return readBounded(in, MAX_STREAM_BYTES, file.toString());
        } catch (ImageInputException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageInputException(file.toString(), Reason.UNREADABLE, "cannot read: " + e.getMessage(), e);
        }
    }

    /** The stream read to its end; refused once it has given {@code limit} bytes and there is one more. */
    static byte[] readBounded(InputStream in, int limit, String source) throws ImageInputException {
        byte[] bytes;
        boolean longer;
        try {
            bytes = in.readNBytes(limit);
            longer = bytes.length == limit && in.read() >= 0;
        } catch (IOException e) {
            throw new ImageInputException(source, Reason.UNREADABLE, "cannot read: " + e.getMessage(), e);
        }
        if (longer) {
            throw new ImageInputException(source, Reason.TOO_LARGE, "a stream or non-regular file of more than "
                    + limit + " bytes, the most read into memory; save it to a regular file");
        }
        return bytes;
    }

    /** The check of the public methods: a positive size of at most {@code maxPixels} pixels. */
    static HeaderCheck pixelLimit(long maxPixels) {
        return (source, width, height) -> checkDimensions(source, width, height, maxPixels);
    }

    static void checkDimensions(String source, int width, int height, long maxPixels) throws ImageInputException {
        if (width <= 0 || height <= 0) {
            throw new ImageInputException(source, Reason.CORRUPT, "header declares a " + width + "×" + height
                    + " image");
        }
        if ((long) width * height > maxPixels) {
            throw new ImageInputException(source, Reason.TOO_LARGE, "header declares " + width + "×" + height + " = "
                    + (long) width * height + " pixels, over the limit of " + maxPixels
                    + " (a decompression bomb, or raise the limit)");
        }
    }

    /** BMP, GIF and other ImageIO formats: palette images stay P (or L/1 for gray ramps), others RGB(A) or L. */
    static PilImage fromIndexedOrDirect(BufferedImage image, String format, String source) throws ImageInputException {
        Raster raster = image.getRaster();
        int w = image.getWidth(), h = image.getHeight();
        if (image.getColorModel() instanceof IndexColorModel icm) {
            byte[] indices = Samples.interleave(raster, new int[] {0}, 0);
            byte[] palette = Samples.palette(icm);
            int entries = icm.getMapSize();
            // Pillow's BMP plugin opens a black-and-white palette as mode 1, and BMP and GIF open an identity gray
            // ramp (entry i = (i, i, i)) as mode L; any other palette stays P.
            if (format.equals("bmp") && entries == 2 && Samples.isBlackWhite(palette)) {
                for (int i = 0; i < indices.length; i++) {
                    indices[i] = (byte) (indices[i] == 0 ? 0 : 255);
                }
                return PilImage.of(PilImage.Mode.ONE, w, h, indices);
            }
            if (Samples.isIdentityGrayRamp(palette, entries)) {
                return PilImage.of(PilImage.Mode.L, w, h, indices);
            }
            return PilImage.ofPalette(w, h, indices, palette);
        }
        int colors = image.getColorModel().getNumColorComponents();
        boolean alpha = image.getColorModel().hasAlpha();
        int bits = image.getColorModel().getComponentSize(0);
        if (colors == 1) {
            return PilImage.of(PilImage.Mode.L, w, h, Samples.interleave(raster, new int[] {0}, bits - 8));
        }
        if (colors == 3) {
            int[] bands = alpha ? new int[] {0, 1, 2, 3} : new int[] {0, 1, 2};
            return PilImage.of(alpha ? PilImage.Mode.RGBA : PilImage.Mode.RGB, w, h,
                    Samples.interleave(raster, bands, bits - 8));
        }
        throw new ImageInputException(source, Reason.UNSUPPORTED, "unsupported " + format + " pixel layout with "
                + colors + " colour components");
    }
}
