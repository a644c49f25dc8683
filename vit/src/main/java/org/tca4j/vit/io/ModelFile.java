package org.tca4j.vit.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.vit.config.ClipConfig;
import org.tca4j.vit.weights.OpenClipKeys;
import org.tca4j.vit.weights.TensorSource;

/**
 * A {@code .tca4j} model file, memory-mapped and checked in full before anything is used.
 *
 * <p>{@link #open} maps the file, checks the FlatBuffer header, the config, the tokenizer, and every tensor's
 * dtype, shape, offset, length and alignment against the data section and against the tensors the config requires,
 * and fails with one {@link ModelFileException} naming the file and the problem. Float32 tensors are then used
 * where they lie in the mapping (no copy); float16 and bfloat16 tensors are upcast exactly to heap float32 here.
 *
 * <p>The matrices handed out by {@link #tensor} stay valid until {@link #close}; after it, touching a mapped one
 * throws {@link IllegalStateException}. An open file may be read from several threads.
 */
public final class ModelFile implements TensorSource, AutoCloseable {
    private final Path path;
    private final Arena arena;
    private final ClipConfig config;
    private final TokenizerData tokenizer;
    private final Provenance provenance;
    private final SequencedMap<String, TensorInfo> infos;
    private final Map<String, FloatMatrix> matrices;

    private ModelFile(Path path, Arena arena, HeaderDecoder.Header header, Map<String, FloatMatrix> matrices) {
        this.path = path;
        this.arena = arena;
        this.config = header.config();
        this.tokenizer = header.tokenizer();
        this.provenance = header.provenance();
        this.infos = new LinkedHashMap<>();
        for (TensorInfo info : header.tensors()) {
            infos.put(info.name(), info);
        }
        this.matrices = matrices;
    }

    /**
     * Maps and checks the model file at {@code path}.
     *
     * @throws ModelFileException if the file cannot be read or is not a complete, valid model file of this version
     */
    public static ModelFile open(Path path) throws ModelFileException {
        Arena arena = Arena.ofShared();
        try {
            MemorySegment whole;
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                whole = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            } catch (IOException e) {
                throw new ModelFileException(path, "cannot read: " + e, e);
            }
            HeaderDecoder.Header header = new HeaderDecoder(path).decode(whole);
            long dataStart = ModelFileFormat.dataStart(header.flatBufferSize());
            checkDataSection(path, header, dataStart, whole.byteSize());
            checkAgainstConfig(path, header);
            Map<String, FloatMatrix> matrices = materialize(header, whole.asSlice(dataStart));
            return new ModelFile(path, arena, header, matrices);
        } catch (ModelFileException e) {
            arena.close();
            throw e;
        } catch (RuntimeException e) {
            arena.close();
            // Every check above is meant to make this unreachable; the mutation tests count on it.
            throw new ModelFileException(path, "unexpected failure while checking the file: " + e, e);
        }
    }

    /** The data section must end the file, and every tensor must lie inside it, aligned, without overlap. */
    private static void checkDataSection(Path path, HeaderDecoder.Header header, long dataStart, long fileSize)
            throws ModelFileException {
        long dataLength = header.dataLength();
        if (dataLength < 0 || dataStart + dataLength != fileSize) {
            throw new ModelFileException(path, (dataLength >= 0 && dataStart + dataLength > fileSize ? "truncated: " : "corrupt: ")
                    + "the data section should span bytes [" + dataStart + ", " + (dataStart + dataLength)
                    + ") but the file has " + fileSize + " bytes");
        }
        Map<String, TensorInfo> seen = new HashMap<>();
        for (TensorInfo t : header.tensors()) {
            if (seen.put(t.name(), t) != null) {
                throw new ModelFileException(path, "tensor '" + t.name() + "' is listed twice");
            }
            long elements = elements(path, t);
            if (elements > Long.MAX_VALUE / t.dtype().byteSize() || elements * t.dtype().byteSize() != t.length()) {
                throw new ModelFileException(path, "tensor '" + t.name() + "' of shape " + Arrays.toString(t.shape()) + " "
                        + t.dtype().cliName() + " needs " + elements + " elements but has " + t.length() + " bytes");
            }
            if (t.offset() < 0 || t.offset() % ModelFileFormat.ALIGNMENT != 0) {
                throw new ModelFileException(path, "tensor '" + t.name() + "' starts at offset "
                        + Long.toUnsignedString(t.offset()) + ", not a multiple of " + ModelFileFormat.ALIGNMENT);
            }
            if (t.length() > dataLength - t.offset()) {
                throw new ModelFileException(path, "tensor '" + t.name() + "' bytes [" + t.offset() + ", +" + t.length()
                        + ") lie past the end of the " + dataLength + "-byte data section");
            }
        }
        List<TensorInfo> byOffset = new ArrayList<>(header.tensors());
        byOffset.sort(Comparator.comparingLong(TensorInfo::offset));
        for (int i = 1; i < byOffset.size(); i++) {
            TensorInfo previous = byOffset.get(i - 1);
            TensorInfo t = byOffset.get(i);
            if (t.offset() < previous.offset() + previous.length()) {
                throw new ModelFileException(path, "tensor '" + t.name() + "' at offset " + t.offset()
                        + " overlaps tensor '" + previous.name() + "'");
            }
        }
    }

    private static long elements(Path path, TensorInfo t) throws ModelFileException {
        long n = 1;
        for (long side : t.shape()) {
            if (side < 0) {
                throw new ModelFileException(path, "tensor '" + t.name() + "' has a negative side in shape "
                        + Arrays.toString(t.shape()));
            }
            try {
                n = Math.multiplyExact(n, side);
            } catch (ArithmeticException e) {
                throw new ModelFileException(path, "tensor '" + t.name() + "' shape " + Arrays.toString(t.shape())
                        + " overflows");
            }
        }
        return n;
    }

    /** The tensor set must be exactly the one the config requires, each with the required shape. */
    private static void checkAgainstConfig(Path path, HeaderDecoder.Header header) throws ModelFileException {
        SequencedMap<String, long[]> expected = OpenClipKeys.expectedShapes(header.config());
        Map<String, TensorInfo> present = new HashMap<>();
        for (TensorInfo t : header.tensors()) {
            long[] shape = expected.get(t.name());
            if (shape == null) {
                throw new ModelFileException(path, "unexpected tensor '" + t.name() + "' for the configured model");
            }
            if (!Arrays.equals(shape, t.shape())) {
                throw new ModelFileException(path, "tensor '" + t.name() + "' has shape " + Arrays.toString(t.shape())
                        + ", the config requires " + Arrays.toString(shape));
            }
            present.put(t.name(), t);
        }
        for (String key : expected.keySet()) {
            if (!present.containsKey(key)) {
                throw new ModelFileException(path, "tensor '" + key + "' is missing (the config requires it)");
            }
        }
    }

    /** Float32 tensors become views of the mapping; the others are upcast to heap float32. */
    private static Map<String, FloatMatrix> materialize(HeaderDecoder.Header header, MemorySegment data) {
        Map<String, FloatMatrix> out = new HashMap<>();
        for (TensorInfo t : header.tensors()) {
            int[] rc = OpenClipKeys.matrixShape(t.shape());
            MemorySegment bytes = data.asSlice(t.offset(), t.length());
            out.put(t.name(), t.dtype() == TensorDType.F32 ? FloatMatrix.of(bytes, rc[0], rc[1])
                    : FloatMatrix.wrap(upcast(bytes, t.dtype()), rc[0], rc[1]));
        }
        return out;
    }

    private static float[] upcast(MemorySegment bytes, TensorDType dtype) {
        float[] out = new float[Math.toIntExact(bytes.byteSize() / 2)];
        for (int i = 0; i < out.length; i++) {
            short bits = bytes.getAtIndex(ValueLayout.JAVA_SHORT, i);
            out[i] = dtype == TensorDType.F16 ? Float.float16ToFloat(bits) : TensorDType.bf16ToFloat(bits);
        }
        return out;
    }

    /** The file this model was read from. */
    public Path path() {
        return path;
    }

    @Override
    public ClipConfig config() {
        return config;
    }

    /** The BPE tokenizer's merges, vocabulary and special ids. */
    public TokenizerData tokenizer() {
        return tokenizer;
    }

    /** Where the weights came from. */
    public Provenance provenance() {
        return provenance;
    }

    /** The tensor keys in file order (OpenCLIP's state_dict order when written by the converter). */
    public List<String> tensorNames() {
        return List.copyOf(infos.keySet());
    }

    /** The directory entry of a tensor: dtype as stored, PyTorch shape, offset and length. */
    public TensorInfo tensorInfo(String openClipKey) {
        TensorInfo info = infos.get(openClipKey);
        if (info == null) {
            throw new IllegalArgumentException(path + " has no tensor '" + openClipKey + "'");
        }
        return info;
    }

    /** {@inheritDoc} Float32 tensors are views of the mapped file; do not write to them. */
    @Override
    public FloatMatrix tensor(String openClipKey) {
        FloatMatrix m = matrices.get(openClipKey);
        if (m == null) {
            throw new IllegalArgumentException(path + " has no tensor '" + openClipKey + "'");
        }
        return m;
    }

    /** Unmaps the file; mapped tensors handed out before must not be used afterwards. */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
