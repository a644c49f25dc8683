package org.tca4j.vit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.tca4j.vit.image.ImageInputException.Reason;

/**
 * A FIFO (like {@code /dev/stdin} or a shell's {@code <(...)}) has no size, so the PNG chunk scan cannot bound its
 * chunks by it: the decoder reads such a file into memory, at most {@link ImageDecoder#MAX_STREAM_BYTES}, and
 * scans and decodes those bytes. mkfifo exists on Linux and macOS only.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NonRegularFileTest {
    private static final long MAX_PIXELS = 1_000_000;

    @Test
    void pngThroughAFifoDecodesLikeTheSameBytes(@TempDir Path dir) throws Exception {
        byte[] png = PngChunkScanTest.tinyPng();
        PilImage expected = ImageDecoder.decode(png, "tiny.png", MAX_PIXELS);
        Path fifo = fifo(dir);
        Thread writer = writeInBackground(fifo, png);
        PilImage actual = ImageDecoder.decode(fifo, MAX_PIXELS);
        finish(writer, fifo);
        assertThat(actual.mode()).isEqualTo(expected.mode());
        assertThat(actual.width()).isEqualTo(expected.width());
        assertThat(actual.height()).isEqualTo(expected.height());
        assertThat(actual.samples()).isEqualTo(expected.samples());
    }

    @Test
    void compressedTextBombThroughAFifoIsRefusedByTheChunkScan(@TempDir Path dir) throws Exception {
        // 2 MiB of zeros in a zTXt chunk: past Pillow's 1 MiB per chunk, which only the chunk scan refuses.
        byte[] zTxt = PngChunkScanTest.concat(PngChunkScanTest.latin1("Comment\0"), new byte[] {0},
                PngChunkScanTest.deflatedZeros(2, 1 << 20));
        byte[] bomb = PngChunkScanTest.withChunkAfterHeader(PngChunkScanTest.tinyPng(), "zTXt", zTxt);
        Path fifo = fifo(dir);
        Thread writer = writeInBackground(fifo, bomb);
        ImageInputException e = catchThrowableOfType(ImageInputException.class,
                () -> ImageDecoder.decode(fifo, MAX_PIXELS));
        finish(writer, fifo);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e.getMessage()).startsWith(fifo + ": ").contains("PNG zTXt chunk");
    }

    @Test
    void streamLongerThanTheLimitIsRefusedAfterReadingOneByteMore() {
        var in = new ByteArrayInputStream(new byte[5000]);
        ImageInputException e = catchThrowableOfType(ImageInputException.class,
                () -> ImageDecoder.readBounded(in, 4096, "pipe"));
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e.getMessage()).startsWith("pipe: ").contains("4096 bytes");
        assertThat(in.available()).as("bytes left unread").isEqualTo(5000 - 4097);
    }

    @Test
    void streamAtTheLimitIsReadWhole() throws ImageInputException {
        assertThat(ImageDecoder.readBounded(new ByteArrayInputStream(new byte[4096]), 4096, "pipe")).hasSize(4096);
    }

    @Test
    void directoryIsUnreadable(@TempDir Path dir) {
        ImageInputException e = catchThrowableOfType(ImageInputException.class,
                () -> ImageDecoder.decode(dir, MAX_PIXELS));
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.UNREADABLE);
        assertThat(e.getMessage()).startsWith(dir + ": ").contains("directory");
    }

    private static Path fifo(Path dir) throws IOException, InterruptedException {
        Path fifo = dir.resolve("image.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).as("mkfifo exit status").isZero();
        assertThat(Files.isRegularFile(fifo)).as("a FIFO is not a regular file").isFalse();
        return fifo;
    }

    /** Opening a FIFO for writing blocks until a reader opens it, so the writer runs on its own thread. */
    private static Thread writeInBackground(Path fifo, byte[] bytes) {
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(bytes);
            } catch (IOException e) {
                // the reader may stop early (a refused image): a broken pipe is expected then
            }
        }, "fifo-writer");
        writer.setDaemon(true);
        writer.start();
        return writer;
    }

    /** Waits for the writer; if it still waits for a reader, opens the FIFO once so that it can finish. */
    private static void finish(Thread writer, Path fifo) throws IOException, InterruptedException {
        writer.join(TimeUnit.SECONDS.toMillis(5));
        if (writer.isAlive()) {
            try (InputStream drain = Files.newInputStream(fifo)) {
                drain.transferTo(OutputStream.nullOutputStream());
            }
            writer.join();
        }
    }
}
