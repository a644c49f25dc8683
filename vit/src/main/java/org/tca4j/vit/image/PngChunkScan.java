package org.tca4j.vit.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.imageio.stream.ImageInputStream;
import org.tca4j.vit.image.ImageInputException.Reason;

/**
 * A pass over a PNG's chunks before ImageIO parses them, so that a small file can neither make the decoder
 * inflate more than Pillow allows nor allocate a chunk the file does not hold: every chunk must fit in the file,
 * and each compressed text or ICC chunk ({@code zTXt}, {@code iTXt} with its compression flag set, {@code iCCP})
 * is inflated into a small scratch buffer that only counts the bytes and stops at the limit. Nothing the chunks
 * hold is kept.
 *
 * <p>Reference: Pillow 9.4 {@code PngImagePlugin}: {@code _safe_zlib_decompress} refuses a text or ICC chunk that
 * inflates past {@code MAX_TEXT_CHUNK} (1 MiB), and {@code check_text_memory} refuses text chunks that hold more
 * than {@code MAX_TEXT_MEMORY} (64 MiB) together.
 *
 * <p>Deviations from the reference:
 * <ul>
 *   <li>text is counted in bytes (Pillow counts decoded characters, which are never more);</li>
 *   <li>a {@code zTXt} is inflated whatever its compression method and an {@code iTXt} whatever its method once
 *       the flag is set, as ImageIO reads them (Pillow refuses or skips an unknown method);</li>
 *   <li>a damaged deflate stream ends the count and is left to ImageIO, which refuses it (Pillow ignores the
 *       chunk); CRCs are left to ImageIO as well;</li>
 *   <li>a chunk that leaves the file is refused here as {@link Reason#CORRUPT}, naming the chunk and its offset.</li>
 * </ul>
 * The JDK 25 reader itself keeps at most 256 KiB of each text chunk, leaves {@code iCCP} compressed and refuses a
 * chunk longer than the file ("Invalid chunk length"); this check does not rely on that, and it refuses what Pillow
 * refuses instead of truncating the text silently.
 */
final class PngChunkScan {
    /** Pillow's {@code MAX_TEXT_CHUNK} ({@code ImageFile.SAFEBLOCK}): what one compressed chunk may inflate to. */
    static final int MAX_INFLATED_CHUNK = 1 << 20;
    /** Pillow's {@code MAX_TEXT_MEMORY}: what all text chunks of a file may hold together. */
    static final long MAX_TEXT_BYTES = 64L * MAX_INFLATED_CHUNK;

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** Length and type before the data, CRC after it. */
    private static final int HEADER_BYTES = 8;
    private static final int CRC_BYTES = 4;
    private static final int BUFFER_BYTES = 8192;

    private final ImageInputStream in;
    private final long size;
    private final String source;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private final byte[] scratch = new byte[BUFFER_BYTES];
    /** Unread data bytes of the current chunk, and the buffered ones at {@code buffer[position..limit)}. */
    private long unread;
    private int position;
    private int limit;
    private long textBytes;

    private PngChunkScan(ImageInputStream in, long size, String source) {
        this.in = in;
        this.size = size;
        this.source = source;
    }

    /**
     * Checks the chunks of a PNG of {@code size} bytes; any other format passes untouched. The stream is left
     * where it was.
     *
     * @throws ImageInputException {@link Reason#TOO_LARGE} when a compressed chunk or the text in all inflates past
     *     Pillow's limits, {@link Reason#CORRUPT} when a chunk does not fit in the file
     */
    static void check(ImageInputStream in, long size, String source) throws IOException {
        in.mark();
        try {
            if (startsWithSignature(in, size)) {
                new PngChunkScan(in, size, source).scanChunks();
            }
        } finally {
            in.reset();
        }
    }

    private static boolean startsWithSignature(ImageInputStream in, long size) throws IOException {
        if (size < SIGNATURE.length) {
            return false;
        }
        byte[] head = new byte[SIGNATURE.length];
        in.readFully(head);
        return Arrays.equals(head, SIGNATURE);
    }

    private void scanChunks() throws IOException {
        long offset = SIGNATURE.length;
        while (true) {
            // Chunk header: IEND ends the scan (ImageIO does not need its CRC either).
            if (size - offset < HEADER_BYTES) {
                throw corrupt("the PNG ends at byte " + offset + " without an IEND chunk");
            }
            long length = in.readInt() & 0xFFFFFFFFL;
            String type = readType();
            if (type.equals("IEND")) {
                return;
            }
            // The data and the CRC must lie inside the file before anything is read or allocated for them.
            long left = size - offset - HEADER_BYTES;
            if (length > Integer.MAX_VALUE || length + CRC_BYTES > left) {
                throw corrupt("PNG chunk " + type + " at byte " + offset + " declares " + length
                        + " data bytes, but the file has " + Math.max(0, left - CRC_BYTES) + " left");
            }
            // The chunk's data: compressed text and ICC chunks are inflated with a budget, the rest is skipped.
            unread = length;
            position = limit = 0;
            checkData(type, offset);
            in.skipBytes(unread + CRC_BYTES);
            offset += HEADER_BYTES + length + CRC_BYTES;
        }
    }

    private String readType() throws IOException {
        byte[] type = new byte[4];
        in.readFully(type);
        return new String(type, StandardCharsets.ISO_8859_1);
    }

    /** Inflates what ImageIO would inflate of one chunk and adds its text to the file's total. */
    private void checkData(String type, long offset) throws IOException {
        switch (type) {
            case "tEXt" -> {
                // keyword, NUL, Latin-1 text
                skipPastNul();
                addText(type, offset, unread + (limit - position));
            }
            case "zTXt" -> {
                // keyword, NUL, compression method, deflate stream
                if (skipPastNul() && readByte() >= 0) {
                    addText(type, offset, inflatedWithinBudget(type, offset));
                }
            }
            case "iTXt" -> {
                // keyword, NUL, compression flag, compression method, language, NUL, translated keyword, NUL, text
                if (skipPastNul()) {
                    int flag = readByte();
                    if (readByte() >= 0 && skipPastNul() && skipPastNul()) {
                        addText(type, offset, flag == 0 ? unread + (limit - position)
                                : inflatedWithinBudget(type, offset));
                    }
                }
            }
            case "iCCP" -> {
                // profile name, NUL, compression method, deflate stream
                if (skipPastNul() && readByte() >= 0) {
                    inflatedWithinBudget(type, offset);
                }
            }
            default -> { }
        }
    }

    private void addText(String type, long offset, long bytes) throws ImageInputException {
        textBytes += bytes;
        if (textBytes > MAX_TEXT_BYTES) {
            throw new ImageInputException(source, Reason.TOO_LARGE, "PNG text chunks hold more than "
                    + MAX_TEXT_BYTES + " bytes together, reached at the " + type + " chunk at byte " + offset
                    + " (Pillow's MAX_TEXT_MEMORY): a decompression bomb");
        }
    }

    /**
     * The size the rest of the chunk inflates to, counted in a scratch buffer; over {@link #MAX_INFLATED_CHUNK}
     * is refused as soon as it is reached. A damaged or unfinished stream counts what it gave.
     */
    private long inflatedWithinBudget(String type, long offset) throws IOException {
        Inflater inflater = new Inflater();
        long total = 0;
        try {
            while (!inflater.finished()) {
                if (inflater.needsInput()) {
                    if (position == limit && !fill()) {
                        break; // the chunk ends inside the stream: ImageIO reports it
                    }
                    inflater.setInput(buffer, position, limit - position);
                    position = limit;
                }
                int n = inflater.inflate(scratch);
                total += n;
                if (total > MAX_INFLATED_CHUNK) {
                    throw new ImageInputException(source, Reason.TOO_LARGE, "PNG " + type + " chunk at byte "
                            + offset + " inflates to more than " + MAX_INFLATED_CHUNK
                            + " bytes (Pillow's MAX_TEXT_CHUNK): a decompression bomb");
                }
                if (n == 0 && !inflater.needsInput()) {
                    break; // a preset dictionary, which PNG does not allow: nothing more comes out
                }
            }
        } catch (DataFormatException e) {
            // damaged: ImageIO refuses it when it gets there
        } finally {
            inflater.end();
        }
        return total;
    }

    /** Skips the data up to and including the next NUL; false when the chunk ends first. */
    private boolean skipPastNul() throws IOException {
        for (int b = readByte(); b >= 0; b = readByte()) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    /** The next data byte of the chunk, or -1 at its end. */
    private int readByte() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xFF;
    }

    /** Refills the buffer from the chunk's unread data; false when none is left. */
    private boolean fill() throws IOException {
        if (unread == 0) {
            return false;
        }
        int n = (int) Math.min(BUFFER_BYTES, unread);
        in.readFully(buffer, 0, n);
        unread -= n;
        position = 0;
        limit = n;
        return true;
    }

    private ImageInputException corrupt(String problem) {
        return new ImageInputException(source, Reason.CORRUPT, problem);
    }
}
