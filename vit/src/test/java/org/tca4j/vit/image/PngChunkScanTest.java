package org.tca4j.vit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tca4j.vit.image.ImageInputException.Reason;

/**
 * PNG chunks that would make a decoder inflate or allocate far more than the file holds are refused with a typed
 * error naming the chunk; ordinary compressed text still decodes to the same pixels.
 */
class PngChunkScanTest {
    private static final long MAX_PIXELS = 1_000_000;
    /** Signature (8) and the IHDR chunk (4 + 4 + 13 + 4): where a new chunk may go. */
    private static final int IHDR_END = 8 + 25;
    /** Zeros that inflate to 1 GiB + 1 MiB, from about 1 MB of deflate stream. */
    private static byte[] gigabyteOfZeros;

    @BeforeAll
    static void deflateTheBomb() {
        gigabyteOfZeros = deflatedZeros(1025, 1 << 20);
        assertThat(gigabyteOfZeros.length).as("compressed size").isBetween(500_000, 2_000_000);
    }

    @Test
    void zTxtBombIsRefusedNamingTheChunk() throws IOException {
        byte[] data = concat(latin1("Comment\0"), new byte[] {0}, gigabyteOfZeros);
        assertRefusedAsBomb(withChunkAfterHeader(tinyPng(), "zTXt", data), "zTXt");
    }

    @Test
    void compressedITxtBombIsRefusedNamingTheChunk() throws IOException {
        // keyword, NUL, compression flag 1, method 0, language "en", NUL, empty translated keyword, NUL, text
        byte[] data = concat(latin1("Comment\0"), new byte[] {1, 0}, latin1("en\0\0"), gigabyteOfZeros);
        assertRefusedAsBomb(withChunkAfterHeader(tinyPng(), "iTXt", data), "iTXt");
    }

    @Test
    void iccpBombIsRefusedNamingTheChunk() throws IOException {
        byte[] data = concat(latin1("ICC profile\0"), new byte[] {0}, gigabyteOfZeros);
        assertRefusedAsBomb(withChunkAfterHeader(tinyPng(), "iCCP", data), "iCCP");
    }

    @Test
    void textChunksOverPillowsTotalAreRefused() throws IOException {
        // 65 zTXt chunks of exactly 1 MiB each: every one is within the chunk limit, together they pass 64 MiB.
        byte[] oneMebibyte = concat(latin1("Comment\0"), new byte[] {0}, deflatedZeros(1, 1 << 20));
        byte[] png = tinyPng();
        for (int i = 0; i < 65; i++) {
            png = withChunkAfterHeader(png, "zTXt", oneMebibyte);
        }
        ImageInputException e = failure(png, "many.png");
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e.getMessage()).startsWith("many.png: ").contains("zTXt").contains("MAX_TEXT_MEMORY");
    }

    @Test
    void chunkLongerThanTheFileIsCorrupt() throws IOException {
        // A tEXt header declaring 2 GiB - 16 data bytes, followed by the rest of a tiny file.
        var bytes = new ByteArrayOutputStream();
        var out = new DataOutputStream(bytes);
        out.writeInt(Integer.MAX_VALUE - 15);
        out.write(latin1("tEXt"));
        out.write(latin1("Comment\0short"));
        byte[] png = tinyPng();
        byte[] hostile = concat(Arrays.copyOf(png, IHDR_END), bytes.toByteArray(),
                Arrays.copyOfRange(png, IHDR_END, png.length));
        ImageInputException e = failure(hostile, "long.png");
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.CORRUPT);
        assertThat(e.getMessage()).startsWith("long.png: ").contains("tEXt").contains("2147483632");
    }

    @Test
    void smallCompressedTextDecodesToTheSamePixels() throws IOException {
        byte[] png = tinyPng();
        byte[] comment = deflated(latin1("a small, honest comment"));
        byte[] zTxt = concat(latin1("Comment\0"), new byte[] {0}, comment);
        byte[] iTxt = concat(latin1("Title\0"), new byte[] {1, 0}, latin1("en\0\0"), comment);
        byte[] annotated = withChunkAfterHeader(withChunkAfterHeader(png, "zTXt", zTxt), "iTXt", iTxt);

        PilImage plain = ImageDecoder.decode(png, "plain.png", MAX_PIXELS);
        PilImage withText = ImageDecoder.decode(annotated, "annotated.png", MAX_PIXELS);
        assertThat(withText.mode()).isEqualTo(plain.mode());
        assertThat(withText.width()).isEqualTo(plain.width());
        assertThat(withText.height()).isEqualTo(plain.height());
        assertThat(withText.samples()).isEqualTo(plain.samples());
    }

    private static void assertRefusedAsBomb(byte[] png, String chunk) {
        ImageInputException e = failure(png, "bomb-" + chunk + ".png");
        assertThat(e).as("refused").isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e.getMessage()).startsWith("bomb-" + chunk + ".png: ").contains("PNG " + chunk + " chunk")
                .contains("more than " + PngChunkScan.MAX_INFLATED_CHUNK + " bytes");
    }

    private static ImageInputException failure(byte[] png, String name) {
        return catchThrowableOfType(ImageInputException.class, () -> ImageDecoder.decode(png, name, MAX_PIXELS));
    }

    /** A valid 5×4 RGB PNG with distinct pixels, as ImageIO writes it (IHDR first, no text). */
    static byte[] tinyPng() throws IOException {
        BufferedImage image = new BufferedImage(5, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 5; x++) {
                image.setRGB(x, y, (x * 50) << 16 | (y * 60) << 8 | (x + y) * 20);
            }
        }
        var out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, "png", out)).isTrue();
        byte[] png = out.toByteArray();
        assertThat(new String(png, 12, 4, StandardCharsets.ISO_8859_1)).as("first chunk").isEqualTo("IHDR");
        return png;
    }

    /** The PNG with one more chunk (correct CRC) right after IHDR. */
    static byte[] withChunkAfterHeader(byte[] png, String type, byte[] data) throws IOException {
        var chunk = new ByteArrayOutputStream();
        HostileImageTest.chunk(new DataOutputStream(chunk), type, data);
        return concat(Arrays.copyOf(png, IHDR_END), chunk.toByteArray(),
                Arrays.copyOfRange(png, IHDR_END, png.length));
    }

    /** A zlib stream of {@code blocks × blockBytes} zeros. */
    static byte[] deflatedZeros(int blocks, int blockBytes) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        byte[] zeros = new byte[blockBytes];
        byte[] buffer = new byte[1 << 16];
        var out = new ByteArrayOutputStream();
        for (int i = 0; i < blocks; i++) {
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] deflated(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        var out = new ByteArrayOutputStream();
        byte[] buffer = new byte[256];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
