package org.tca4j.vit.io;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import org.tca4j.vit.config.Activation;
import org.tca4j.vit.config.ClipConfig;
import org.tca4j.vit.config.PreprocessConfig;
import org.tca4j.vit.config.TextConfig;
import org.tca4j.vit.config.VisionConfig;
import org.tca4j.vit.io.fbs.ActivationKind;
import org.tca4j.vit.io.fbs.DType;
import org.tca4j.vit.io.fbs.Model;
import org.tca4j.vit.io.fbs.Preprocess;
import org.tca4j.vit.io.fbs.Tensor;
import org.tca4j.vit.io.fbs.Text;
import org.tca4j.vit.io.fbs.Tokenizer;
import org.tca4j.vit.io.fbs.Vision;

/**
 * Writes a {@code .tca4j} model file: the FlatBuffer header, then each tensor's bytes at the next multiple of 64.
 *
 * <p>The output goes to a temporary file in the target's directory, which is renamed over the target only when
 * everything is written, so a failure leaves no partial file. The same inputs give a byte-identical file.
 */
public final class ModelFileWriter {
    private ModelFileWriter() {}

    /** Produces a tensor's raw little-endian bytes, exactly {@code elements × dtype size} of them. */
    @FunctionalInterface
    public interface TensorBytes {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * A tensor to write.
     *
     * @param name the OpenCLIP key
     * @param dtype how the bytes are stored
     * @param shape the PyTorch shape
     * @param bytes writes the data
     */
    public record Entry(String name, TensorDType dtype, long[] shape, TensorBytes bytes) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(dtype, "dtype");
            Objects.requireNonNull(bytes, "bytes");
            shape = shape.clone();
        }

        long length() {
            long n = dtype.byteSize();
            for (long side : shape) {
                n = Math.multiplyExact(n, side);
            }
            return n;
        }
    }

    /** Writes the model to {@code target} (via a temporary file and an atomic rename). */
    public static void write(Path target, ClipConfig config, TokenizerData tokenizer, Provenance provenance,
                             List<Entry> tensors) throws IOException {
        long[] offsets = new long[tensors.size()];
        long dataLength = 0;
        for (int i = 0; i < tensors.size(); i++) {
            offsets[i] = ModelFileFormat.alignUp(dataLength);
            dataLength = offsets[i] + tensors.get(i).length();
        }
        byte[] header = header(config, tokenizer, provenance, tensors, offsets, dataLength);
        Path dir = target.toAbsolutePath().getParent();
        // A fresh name beside the target (same file system, so the rename is atomic), created with default permissions.
        Path temp = Files.createFile(dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(
                java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36) + ".part"));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                CountingStream out = new CountingStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 20));
                out.write(header);
                for (int i = 0; i < tensors.size(); i++) {
                    long start = ModelFileFormat.dataStart(header.length - 4) + offsets[i];
                    out.padTo(start);
                    Entry e = tensors.get(i);
                    e.bytes().writeTo(out);
                    if (out.count != start + e.length()) {
                        throw new IOException("tensor '" + e.name() + "' wrote " + (out.count - start) + " bytes, expected "
                                + e.length());
                    }
                }
                out.padTo(ModelFileFormat.dataStart(header.length - 4) + dataLength);
                out.flush();
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The size-prefixed FlatBuffer, every field written (the reader requires them all). */
    private static byte[] header(ClipConfig config, TokenizerData tokenizer, Provenance provenance, List<Entry> tensors,
                                 long[] offsets, long dataLength) {
        FlatBufferBuilder b = new FlatBufferBuilder(1 << 16);
        b.forceDefaults(true);
        int vision = vision(b, config.vision());
        int text = text(b, config.text());
        int preprocess = preprocess(b, config.preprocess());
        int tokenizerTable = tokenizer(b, tokenizer);
        int provenanceTable = org.tca4j.vit.io.fbs.Provenance.createProvenance(b, b.createString(provenance.sourceFile()),
                b.createString(provenance.sourceSha256()), b.createString(provenance.sourceFormat()),
                b.createString(provenance.modelName()), b.createString(provenance.pretrainedTag()),
                b.createString(provenance.converterVersion()));
        int[] tensorTables = new int[tensors.size()];
        for (int i = 0; i < tensors.size(); i++) {
            Entry e = tensors.get(i);
            tensorTables[i] = Tensor.createTensor(b, b.createString(e.name()), dtypeCode(e.dtype()),
                    Tensor.createShapeVector(b, e.shape()), offsets[i], e.length());
        }
        int tensorVector = Model.createTensorsVector(b, tensorTables);
        int root = Model.createModel(b, ModelFileFormat.VERSION, vision, text, config.embedDim(), preprocess,
                tokenizerTable, provenanceTable, tensorVector, dataLength);
        b.finishSizePrefixed(root, ModelFileFormat.IDENTIFIER);
        return b.sizedByteArray();
    }

    private static int vision(FlatBufferBuilder b, VisionConfig v) {
        return Vision.createVision(b, v.imageSize(), v.patchSize(), v.width(), v.layers(), v.heads(), v.mlpWidth(),
                activationCode(v.activation()), v.layerNormEps());
    }

    private static int text(FlatBufferBuilder b, TextConfig t) {
        return Text.createText(b, t.contextLength(), t.vocabSize(), t.width(), t.heads(), t.layers(), t.mlpWidth(),
                activationCode(t.activation()), t.layerNormEps());
    }

    private static int preprocess(FlatBufferBuilder b, PreprocessConfig p) {
        return Preprocess.createPreprocess(b, p.size(), b.createString(p.interpolation()),
                Preprocess.createMeanVector(b, p.mean()), Preprocess.createStdVector(b, p.std()));
    }

    private static int tokenizer(FlatBufferBuilder b, TokenizerData t) {
        int merges = Tokenizer.createMergesVector(b, lines(t.merges()));
        int vocabulary = Tokenizer.createVocabularyVector(b, lines(t.vocabulary()));
        return Tokenizer.createTokenizer(b, merges, vocabulary, t.sotId(), t.eotId());
    }

    /** The entries joined by '\n' as UTF-8 (TokenizerData guarantees none contains one). */
    private static byte[] lines(List<String> values) {
        return String.join("\n", values).getBytes(StandardCharsets.UTF_8);
    }

    private static byte activationCode(Activation a) {
        return switch (a) {
            case GELU -> ActivationKind.Gelu;
            case QUICK_GELU -> ActivationKind.QuickGelu;
        };
    }

    private static byte dtypeCode(TensorDType t) {
        return switch (t) {
            case F32 -> DType.F32;
            case F16 -> DType.F16;
            case BF16 -> DType.BF16;
        };
    }

    /** Counts bytes and pads with zeros. */
    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        void padTo(long position) throws IOException {
            if (position < count) {
                throw new IOException("internal: cannot pad backwards from " + count + " to " + position);
            }
            while (count < position) {
                write(0);
            }
        }
    }
}
