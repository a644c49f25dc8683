package org.tca4j.tca.reservoir;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.io.AtomicFiles;

/**
 * The reservoir on disk, so an edge process can restart without losing what it learned. Big-endian
 * ({@link java.io.DataOutput}), version 1:
 * <pre>
 * "TCA4JRSV"  int version  int classes C  int capacity M  int layers L  int width W  long imagesSeen
 * C × ( int count ≤ M ; count × ( long id ; float entropy ; L·W float tokens, row-major ) )
 * long CRC32 of every byte before it
 * </pre>
 * Entries are stored in list order (ascending entropy). Writing goes to a temporary file in the same directory,
 * forced to disk, then renamed over the target, so a crash never leaves a half-written reservoir.
 */
public final class ReservoirFile {
    static final byte[] MAGIC = "TCA4JRSV".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    private static final int MAX_CLASSES = 1_000_000, MAX_CAPACITY = 1 << 16, MAX_LAYERS = 1024, MAX_WIDTH = 1 << 16;

    private ReservoirFile() {}

    /** A file that is not a reservoir of this version, is damaged, or does not fit the reservoir it should fill. */
    public static final class InvalidReservoirFileException extends IOException {
        public InvalidReservoirFileException(Path file, String problem) {
            super(file + ": " + problem);
        }
    }

    /**
     * A reservoir as read from a file.
     *
     * @param capacity M of the saved reservoir
     * @param layers L of the entries' tokens (0 when empty)
     * @param width W of the entries' tokens (0 when empty)
     * @param imagesSeen images the saving classifier had classified
     * @param byClass per class its entries, in list order
     */
    public record Snapshot(int capacity, int layers, int width, long imagesSeen, List<List<ReservoirEntry>> byClass) {
        /** Replaces the contents of {@code target} with this snapshot's, if classes and capacity agree. */
        public void copyInto(Path file, TokenReservoir target) throws InvalidReservoirFileException {
            if (target.classes() != byClass.size() || target.capacity() != capacity) {
                throw new InvalidReservoirFileException(file, "holds " + byClass.size() + " classes of capacity "
                        + capacity + ", the classifier has " + target.classes() + " of capacity " + target.capacity());
            }
            for (int c = 0; c < byClass.size(); c++) {
                target.replaceClass(c, byClass.get(c));
            }
        }
    }

    /** Writes {@code reservoir} to {@code file} atomically. */
    public static void write(Path file, TokenReservoir reservoir, long imagesSeen) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = AtomicFiles.newTemporary(dir, file.getFileName().toString());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                CRC32 crc = new CRC32();
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                        new CheckedOutputStream(OutputStreamOf.channel(ch), crc), 1 << 16));
                writeBody(out, reservoir, imagesSeen);
                out.flush();
                new DataOutputStream(OutputStreamOf.channel(ch)).writeLong(crc.getValue());
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeBody(DataOutputStream out, TokenReservoir reservoir, long imagesSeen) throws IOException {
        int[] shape = shape(reservoir);
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(reservoir.classes());
        out.writeInt(reservoir.capacity());
        out.writeInt(shape[0]);
        out.writeInt(shape[1]);
        out.writeLong(imagesSeen);
        for (int c = 0; c < reservoir.classes(); c++) {
            List<ReservoirEntry> entries = reservoir.entries(c);
            out.writeInt(entries.size());
            for (ReservoirEntry e : entries) {
                out.writeLong(e.id());
                out.writeFloat(e.entropy());
                for (float v : e.clsTokens().toArray()) {
                    out.writeFloat(v);
                }
            }
        }
    }

    /** {L, W} of the entries (all alike), or {0, 0} for an empty reservoir. */
    private static int[] shape(TokenReservoir reservoir) {
        for (int c = 0; c < reservoir.classes(); c++) {
            if (reservoir.size(c) > 0) {
                FloatMatrix t = reservoir.entries(c).getFirst().clsTokens();
                return new int[] {t.rows(), t.cols()};
            }
        }
        return new int[] {0, 0};
    }

    /**
     * Reads and checks a reservoir file.
     *
     * @throws InvalidReservoirFileException naming the file and the problem (wrong magic or version, bad sizes,
     *     truncation, trailing bytes, a checksum mismatch, non-finite values)
     */
    public static Snapshot read(Path file) throws IOException {
        long size = Files.size(file);
        CRC32 crc = new CRC32();
        try (InputStream buffered = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            CheckedInputStream checked = new CheckedInputStream(buffered, crc);
            DataInputStream in = new DataInputStream(checked);
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new InvalidReservoirFileException(file, "not a tca4j reservoir file (bad magic)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new InvalidReservoirFileException(file, "format version " + version + ", this build reads "
                        + VERSION);
            }
            int classes = bounded(file, "classes", in.readInt(), 1, MAX_CLASSES);
            int capacity = bounded(file, "capacity", in.readInt(), 1, MAX_CAPACITY);
            int layers = bounded(file, "layers", in.readInt(), 0, MAX_LAYERS);
            int width = bounded(file, "width", in.readInt(), 0, MAX_WIDTH);
            long imagesSeen = in.readLong();
            long entryBytes = 12 + 4L * layers * width;
            long pos = 36;
            List<List<RawEntry>> raw = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                int count = bounded(file, "entries of class " + c, in.readInt(), 0, capacity);
                pos += 4 + count * entryBytes;
                if (pos + 8 > size || (count > 0 && layers * width == 0)) {
                    throw new InvalidReservoirFileException(file, "truncated or inconsistent at class " + c);
                }
                raw.add(readEntries(in, count, layers * width));
            }
            long expected = crc.getValue();
            long stored = new DataInputStream(buffered).readLong();
            if (buffered.read() != -1) {
                throw new InvalidReservoirFileException(file, "trailing bytes after the checksum");
            }
            if (stored != expected) {
                throw new InvalidReservoirFileException(file, "checksum mismatch (the file is damaged)");
            }
            return new Snapshot(capacity, layers, width, imagesSeen, toEntries(file, raw, layers, width));
        } catch (EOFException e) {
            throw new InvalidReservoirFileException(file, "truncated");
        }
    }

    private record RawEntry(long id, float entropy, float[] tokens) {}

    private static List<RawEntry> readEntries(DataInputStream in, int count, int values) throws IOException {
        List<RawEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long id = in.readLong();
            float entropy = in.readFloat();
            float[] tokens = new float[values];
            for (int k = 0; k < tokens.length; k++) {
                tokens[k] = in.readFloat();
            }
            entries.add(new RawEntry(id, entropy, tokens));
        }
        return entries;
    }

    /** The entries of a file whose checksum held; values that no writer produces still fail. */
    private static List<List<ReservoirEntry>> toEntries(Path file, List<List<RawEntry>> raw, int layers, int width)
            throws InvalidReservoirFileException {
        List<List<ReservoirEntry>> byClass = new ArrayList<>();
        for (List<RawEntry> entries : raw) {
            List<ReservoirEntry> list = new ArrayList<>();
            for (RawEntry e : entries) {
                for (float v : e.tokens()) {
                    if (!Float.isFinite(v)) {
                        throw new InvalidReservoirFileException(file, "non-finite token value in entry " + e.id());
                    }
                }
                if (!Float.isFinite(e.entropy()) || e.entropy() < 0) {
                    throw new InvalidReservoirFileException(file, "entropy " + e.entropy() + " of entry " + e.id());
                }
                list.add(new ReservoirEntry(e.id(), FloatMatrix.wrap(e.tokens(), layers, width), e.entropy()));
            }
            byClass.add(list);
        }
        return byClass;
    }

    private static int bounded(Path file, String what, int v, int min, int max) throws InvalidReservoirFileException {
        if (v < min || v > max) {
            throw new InvalidReservoirFileException(file, what + " = " + v + " outside [" + min + ", " + max + "]");
        }
        return v;
    }

    /** An output stream over a channel that does not close it. */
    private static final class OutputStreamOf {
        static OutputStream channel(FileChannel ch) {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    var buf = java.nio.ByteBuffer.wrap(b, off, len);
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                }
            };
        }
    }
}
