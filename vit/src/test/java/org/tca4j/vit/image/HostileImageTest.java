package org.tca4j.vit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tca4j.core.testing.TestData;
import org.tca4j.vit.config.PreprocessConfig;
import org.tca4j.vit.image.ImageInputException.Reason;

/** Bad input gives a typed {@link ImageInputException} naming the source, before any large allocation. */
class HostileImageTest {
    private final ImagePreprocessor preprocessor = new ImagePreprocessor(PreprocessConfig.openai(224));

    private ImageInputException failure(byte[] bytes, String name) {
        return catchThrowableOfType(ImageInputException.class, () -> preprocessor.preprocess(bytes, name));
    }

    /** A PNG chunk: length, type, data, CRC over type and data. */
    static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        out.writeInt(data.length);
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    /** A valid-looking 8-bit RGB PNG header declaring {@code width × height}, with one tiny IDAT. */
    static byte[] pngDeclaring(int width, int height) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        var ihdr = new ByteArrayOutputStream();
        var h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 2, 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[1024]);
        deflater.finish();
        byte[] idat = new byte[256];
        chunk(out, "IDAT", Arrays.copyOf(idat, deflater.deflate(idat)));
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    @Test
    void decompressionBombIsRefusedFromTheHeader() throws IOException {
        ImageInputException e = failure(pngDeclaring(100_000, 100_000), "bomb.png");
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e.getMessage()).contains("bomb.png").contains("100000×100000");
    }

    @Test
    void extremelyThinImagesAreRefusedFromTheHeaderNamingTheSizes() throws IOException {
        // Both hold exactly the 100 MP limit; resized so the short side is 224, the long side would be 22.4 billion.
        int[][] sizes = {{100_000_000, 1}, {1, 100_000_000}};
        String[] resized = {"22400000000×224", "224×22400000000"};
        for (int i = 0; i < sizes.length; i++) {
            String name = "thin" + i + ".png";
            ImageInputException e = failure(pngDeclaring(sizes[i][0], sizes[i][1]), name);
            assertThat(e).as(name).isNotNull();
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.TOO_LARGE);
            assertThat(e.getMessage()).startsWith(name + ": ").contains(sizes[i][0] + "×" + sizes[i][1])
                    .contains(resized[i]).contains("100000000 pixels");
        }
    }

    @Test
    void theLimitIsConfigurable() throws IOException {
        var strict = new ImagePreprocessor(PreprocessConfig.openai(224), 1000);
        byte[] png = Files.readAllBytes(TestData.path("openclip/images/horse.png"));
        ImageInputException e = catchThrowableOfType(ImageInputException.class, () -> strict.preprocess(png, "horse"));
        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void jpegBombIsRefusedFromTheHeader() throws IOException {
        // A real 16×16 JPEG whose SOF0 frame header is patched to declare 65000 × 65000 (libjpeg's own limit is 65500).
        var small = new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        var encoded = new ByteArrayOutputStream();
        assertThat(javax.imageio.ImageIO.write(small, "jpeg", encoded)).isTrue();
        byte[] jpeg = encoded.toByteArray();
        int sof = -1;
        for (int i = 0; i + 1 < jpeg.length && sof < 0; i++) {
            sof = (jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0 ? i : -1;
        }
        assertThat(sof).as("SOF0 marker").isPositive();
        for (int field = sof + 5; field < sof + 9; field += 2) { // height, then width: big-endian 16-bit
            jpeg[field] = (byte) (65000 >> 8);
            jpeg[field + 1] = (byte) 65000;
        }
        ImageInputException e = failure(jpeg, "bomb.jpg");
        assertThat(e).isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e.getMessage()).contains("65000×65000");
    }

    @Test
    void truncatedJpegIsCorruptAsInPillowNotPaddedWithGray() throws IOException {
        byte[] jpeg = Files.readAllBytes(TestData.path("openclip/images/grace_hopper.jpg"));
        for (int length : new int[] {600, jpeg.length / 2, jpeg.length - 100}) {
            ImageInputException e = failure(Arrays.copyOf(jpeg, length), "cut.jpg");
            assertThat(e).as("cut after %d bytes", length).isNotNull();
            assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
            assertThat(e.getMessage()).startsWith("cut.jpg: ").contains("truncated");
        }
    }

    @Test
    void truncatedPngIsCorrupt() throws IOException {
        byte[] png = Files.readAllBytes(TestData.path("openclip/images/chelsea.png"));
        ImageInputException e = failure(Arrays.copyOf(png, png.length / 2), "half.png");
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
        assertThat(e.getMessage()).startsWith("half.png: ");
    }

    @Test
    void garbageAndEmptyInputAreUnsupported() {
        byte[] garbage = new byte[4096];
        new SplittableRandom(99).nextBytes(garbage);
        assertThat(failure(garbage, "garbage.bin").reason()).isEqualTo(Reason.UNSUPPORTED);
        assertThat(failure(new byte[0], "empty.png").reason()).isEqualTo(Reason.UNSUPPORTED);
    }

    @Test
    void missingFileIsUnreadable(@TempDir Path dir) {
        Path missing = dir.resolve("nope.png");
        ImageInputException e = catchThrowableOfType(ImageInputException.class, () -> preprocessor.preprocess(missing));
        assertThat(e.reason()).isEqualTo(Reason.UNREADABLE);
        assertThat(e.getMessage()).contains("nope.png");
    }

    @Test
    void corruptedPixelDataInAValidHeaderIsCorrupt() throws IOException {
        byte[] png = Files.readAllBytes(TestData.path("openclip/images/chelsea.png"));
        byte[] damaged = png.clone();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 200; i < damaged.length - 100; i += 97) {
            damaged[i] = (byte) random.nextInt(256);
        }
        ImageInputException e = failure(damaged, "damaged.png");
        assertThat(e).as("seed 7 damaged PNG").isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
    }
}
