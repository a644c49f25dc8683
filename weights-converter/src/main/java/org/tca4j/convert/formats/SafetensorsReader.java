package org.tca4j.convert.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.tca4j.convert.CheckpointException;
import org.tca4j.convert.Json;

/**
 * Reads a {@code .safetensors} file: an 8-byte little-endian header length N, N bytes of JSON, then the data buffer.
 *
 * <p>Checks as the reference reader does ({@code safetensors/src/tensor.rs}): N ≤ 100,000,000 and 8+N ≤ the file
 * size; each tensor's {@code data_offsets} lie inside the buffer and span its elements exactly; sorted by start, the
 * tensors tile the buffer from 0 to its end with no gap or overlap.
 */
public final class SafetensorsReader {
    /** The reference reader's limit on N. */
    private static final long MAX_HEADER = 100_000_000L;

    private SafetensorsReader() {}

    private record Entry(String name, SourceDType dtype, long[] shape, long begin, long end) {}

    /** Opens {@code file} and checks its header; tensor bytes are read later, on demand. */
    public static Checkpoint read(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long fileSize = channel.size();
            if (fileSize < 8) {
                throw new CheckpointException(file, "too short for a safetensors header (" + fileSize + " bytes)");
            }
            long n = readFully(channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n < 0 || n > MAX_HEADER || 8 + n > fileSize) {
                throw new CheckpointException(file, "header length N=" + Long.toUnsignedString(n) + " but 8+N exceeds the file size "
                        + fileSize + (n > MAX_HEADER ? " or the 100,000,000-byte limit" : ""));
            }
            long bufferSize = fileSize - 8 - n;
            List<Entry> entries = parseHeader(file, readFully(channel, 8, (int) n), bufferSize);
            List<SourceTensor> tensors = new ArrayList<>();
            long dataStart = 8 + n;
            for (Entry e : entries) {
                tensors.add(new SourceTensor(e.name(), e.dtype(), e.shape(),
                        () -> readFully(channel, dataStart + e.begin(), (int) (e.end() - e.begin())).array()));
            }
            return new Checkpoint(file, "safetensors", tensors, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e instanceof CheckpointException ce ? ce : new CheckpointException(file, "cannot read: " + e, e);
        }
    }

    private static List<Entry> parseHeader(Path file, ByteBuffer header, long bufferSize) throws CheckpointException {
        Object json;
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(header).toString();
            json = Json.parse(text);
        } catch (CharacterCodingException | IllegalArgumentException e) {
            throw new CheckpointException(file, "safetensors header is not valid JSON: " + e.getMessage());
        }
        if (!(json instanceof Map<?, ?> map)) {
            throw new CheckpointException(file, "safetensors header is not a JSON object");
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = (String) e.getKey();
            if (!name.equals("__metadata__")) {
                entries.add(entry(file, name, e.getValue()));
            }
        }
        for (Entry e : entries) {
            if (e.end() > bufferSize) {
                throw new CheckpointException(file, "tensor '" + e.name() + "' data_offsets [" + e.begin() + ", " + e.end()
                        + "] lie past the end of the " + bufferSize + "-byte data buffer");
            }
        }
        List<Entry> byBegin = new ArrayList<>(entries);
        byBegin.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expectedBegin = 0;
        String previous = null;
        for (Entry e : byBegin) {
            if (e.begin() < expectedBegin) {
                throw new CheckpointException(file, "tensor '" + e.name() + "' data_offsets [" + e.begin() + ", " + e.end()
                        + "] overlap the previous tensor '" + previous + "' (ends at " + expectedBegin + ")");
            }
            if (e.begin() > expectedBegin) {
                throw new CheckpointException(file, "tensor '" + e.name() + "' data_offsets [" + e.begin() + ", " + e.end()
                        + "] leave a gap after " + (previous == null ? "the start of the buffer" : "tensor '" + previous + "'")
                        + " (which ends at " + expectedBegin + ")");
            }
            expectedBegin = e.end();
            previous = e.name();
        }
        if (expectedBegin != bufferSize) {
            throw new CheckpointException(file, "the tensors end at " + expectedBegin + " but the data buffer has "
                    + bufferSize + " bytes");
        }
        return entries;
    }

    private static Entry entry(Path file, String name, Object value) throws CheckpointException {
        if (!(value instanceof Map<?, ?> info) || !(info.get("dtype") instanceof String dtypeName)
                || !(info.get("shape") instanceof List<?> shapeList) || !(info.get("data_offsets") instanceof List<?> offsets)
                || offsets.size() != 2 || !(offsets.get(0) instanceof Long begin) || !(offsets.get(1) instanceof Long end)) {
            throw new CheckpointException(file, "tensor '" + name + "' lacks dtype, shape or data_offsets [begin, end]");
        }
        SourceDType dtype = SourceDType.ofSafetensors(dtypeName);
        if (dtype == null) {
            throw new CheckpointException(file, "tensor '" + name + "' has unsupported dtype " + dtypeName);
        }
        long[] shape = new long[shapeList.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(shapeList.get(i) instanceof Long side) || side < 0) {
                throw new CheckpointException(file, "tensor '" + name + "' has a malformed shape " + shapeList);
            }
            shape[i] = side;
            elements = elements == 0 ? 0 : (side > (Long.MAX_VALUE / 8) / elements ? -1 : elements * side);
            if (elements < 0) {
                throw new CheckpointException(file, "tensor '" + name + "' shape " + shapeList + " overflows");
            }
        }
        if (elements * dtype.byteSize() > Integer.MAX_VALUE - 16) {
            throw new CheckpointException(file, "tensor '" + name + "' of " + elements + " elements is too large (2 GiB limit)");
        }
        if (begin < 0 || end < begin || end - begin != elements * dtype.byteSize()) {
            throw new CheckpointException(file, "tensor '" + name + "' data_offsets [" + begin + ", " + end + "] do not span its "
                    + elements + " " + dtypeName + " elements");
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) {
                throw new IOException("unexpected end of file at " + (position + b.position()));
            }
        }
        return b.flip();
    }
}
