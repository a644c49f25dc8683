package org.tca4j.tca.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Reads whole data files, gunzipping them when they start with the gzip magic, with typed errors. */
final class BinaryFiles {
    /** Files above this size (after decompression) are refused rather than risking an OutOfMemoryError. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 64;

    private BinaryFiles() {}

    /** The bytes of {@code file}, decompressed if it is gzip (detected by its magic, not its name). */
    static byte[] readMaybeGzipped(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new DatasetException(file, "no such file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new DatasetException(file, "file is larger than 2 GB; not supported");
            }
            byte[] raw = Files.readAllBytes(file);
            if (raw.length >= 2 && (raw[0] & 0xFF) == 0x1F && (raw[1] & 0xFF) == 0x8B) {
                return gunzip(file, raw);
            }
            return raw;
        } catch (NoSuchFileException e) {
            throw new DatasetException(file, "no such file", e);
        } catch (IOException e) {
            throw new DatasetException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static byte[] gunzip(Path file, byte[] raw) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4);
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > MAX_BYTES) {
                    throw new DatasetException(file, "decompressed data is larger than 2 GB; not supported");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (ZipException e) {
            throw new DatasetException(file, "corrupt gzip data: " + e.getMessage(), e);
        } catch (java.io.EOFException e) {
            throw new DatasetException(file, "gzip data is truncated", e);
        } catch (IOException e) {
            throw new DatasetException(file, "cannot decompress: " + e.getMessage(), e);
        }
    }

    /** The big-endian unsigned 32-bit integer at {@code offset}, as a long. */
    static long u32(byte[] b, int offset) {
        return ((long) (b[offset] & 0xFF) << 24) | ((b[offset + 1] & 0xFF) << 16) | ((b[offset + 2] & 0xFF) << 8)
                | (b[offset + 3] & 0xFF);
    }
}
