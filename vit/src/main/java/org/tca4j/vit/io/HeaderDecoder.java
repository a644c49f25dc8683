package org.tca4j.vit.io;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tca4j.vit.config.Activation;
import org.tca4j.vit.config.ClipConfig;
import org.tca4j.vit.config.PreprocessConfig;
import org.tca4j.vit.config.TextConfig;
import org.tca4j.vit.config.VisionConfig;
import org.tca4j.vit.io.fbs.ActivationKind;
import org.tca4j.vit.io.fbs.Model;
import org.tca4j.vit.io.fbs.Preprocess;
import org.tca4j.vit.io.fbs.Tensor;
import org.tca4j.vit.io.fbs.Text;
import org.tca4j.vit.io.fbs.Tokenizer;
import org.tca4j.vit.io.fbs.Vision;

/**
 * Reads the FlatBuffer at the start of a model file into plain records, checking it first with
 * {@link FlatBufferVerifier} so that the generated accessors only ever see verified offsets.
 */
final class HeaderDecoder {
    /** The decoded header; the tensor directory is not yet checked against the data section. */
    record Header(int flatBufferSize, ClipConfig config, TokenizerData tokenizer, Provenance provenance,
                  List<TensorInfo> tensors, long dataLength) {}

    private static final int MODEL_VERSION = 0, MODEL_VISION = 1, MODEL_TEXT = 2, MODEL_EMBED = 3,
            MODEL_PREPROCESS = 4, MODEL_TOKENIZER = 5, MODEL_PROVENANCE = 6, MODEL_TENSORS = 7, MODEL_DATA_LENGTH = 8;

    private final Path file;

    HeaderDecoder(Path file) {
        this.file = file;
    }

    /** Decodes the header of the mapped file {@code whole}; bounds first, then values. */
    Header decode(MemorySegment whole) throws ModelFileException {
        long fileSize = whole.byteSize();
        if (fileSize < 12) {
            throw new ModelFileException(file, "not a tca4j model file: only " + fileSize + " bytes");
        }
        byte[] identifier = whole.asSlice(8, 4).toArray(ValueLayout.JAVA_BYTE);
        if (!ModelFileFormat.IDENTIFIER.equals(new String(identifier, StandardCharsets.ISO_8859_1))) {
            throw new ModelFileException(file, "not a tca4j model file: no '" + ModelFileFormat.IDENTIFIER
                    + "' identifier at byte 8");
        }
        long flatBufferSize = Integer.toUnsignedLong(whole.get(ValueLayout.JAVA_INT_UNALIGNED, 0));
        if (flatBufferSize < 12 || 4 + flatBufferSize > fileSize) {
            throw new ModelFileException(file, "truncated or corrupt: the header claims " + flatBufferSize
                    + " bytes but the file has " + fileSize);
        }
        ByteBuffer bb = whole.asSlice(4, flatBufferSize).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        FlatBufferVerifier verifier = new FlatBufferVerifier(bb, file);
        int root = verifier.root();
        int version = bb.getInt(verifier.field(root, MODEL_VERSION, 4, "format_version"));
        if (version != ModelFileFormat.VERSION) {
            throw new ModelFileException(file, "format version " + Integer.toUnsignedString(version)
                    + " is not supported: this tca4j reads version " + ModelFileFormat.VERSION
                    + (Integer.compareUnsigned(version, ModelFileFormat.VERSION) > 0 ? " (the file is newer; upgrade tca4j)"
                    : " (convert the checkpoint again)"));
        }
        verifyStructure(verifier, root);
        Model model = Model.getRootAsModel(bb);
        try {
            return new Header((int) flatBufferSize, config(model), tokenizer(model.tokenizer()), provenance(model),
                    tensors(model), model.dataLength());
        } catch (IllegalArgumentException e) {
            // FlatBuffers' Utf8Safe decoder rejects malformed UTF-8 this way; every other check above is ours.
            throw new ModelFileException(file, "corrupt header: a string is not valid UTF-8 (" + e.getMessage() + ")");
        }
    }

    /** Checks every table, vector and string the accessors below read. */
    private static void verifyStructure(FlatBufferVerifier v, int root) throws ModelFileException {
        verifyFields(v, v.subTable(root, MODEL_VISION, "vision"), "vision", VISION_FIELDS);
        verifyFields(v, v.subTable(root, MODEL_TEXT, "text"), "text", TEXT_FIELDS);
        v.field(root, MODEL_EMBED, 4, "embed_dim");
        int preprocess = v.subTable(root, MODEL_PREPROCESS, "preprocess");
        v.field(preprocess, 0, 4, "preprocess.size");
        v.stringField(preprocess, 1, "preprocess.interpolation");
        v.vector(preprocess, 2, 4, "preprocess.mean");
        v.vector(preprocess, 3, 4, "preprocess.std");
        int tokenizer = v.subTable(root, MODEL_TOKENIZER, "tokenizer");
        v.vector(tokenizer, 0, 1, "tokenizer.merges");
        v.vector(tokenizer, 1, 1, "tokenizer.vocabulary");
        v.field(tokenizer, 2, 4, "tokenizer.sot_id");
        v.field(tokenizer, 3, 4, "tokenizer.eot_id");
        int provenance = v.subTable(root, MODEL_PROVENANCE, "provenance");
        for (int i = 0; i < 6; i++) {
            v.stringField(provenance, i, "provenance field " + i);
        }
        int tensors = v.vector(root, MODEL_TENSORS, 4, "tensors");
        for (int i = 0; i < v.length(tensors); i++) {
            String what = "tensors[" + i + "]";
            int tensor = v.table(v.reference(tensors + 4 + 4 * i, what), what);
            v.stringField(tensor, 0, what + ".name");
            v.field(tensor, 1, 1, what + ".dtype");
            v.vector(tensor, 2, 8, what + ".shape");
            v.field(tensor, 3, 8, what + ".offset");
            v.field(tensor, 4, 8, what + ".length");
        }
        v.field(root, MODEL_DATA_LENGTH, 8, "data_length");
    }

    /** The scalar fields of Vision and Text, in schema order; activation (index 6) is one byte, the others four. */
    private static final String[] VISION_FIELDS = {"image_size", "patch_size", "width", "layers", "heads", "mlp_width",
        "activation", "layer_norm_eps"};
    private static final String[] TEXT_FIELDS = {"context_length", "vocab_size", "width", "heads", "layers", "mlp_width",
        "activation", "layer_norm_eps"};

    private static void verifyFields(FlatBufferVerifier v, int table, String tower, String[] names)
            throws ModelFileException {
        for (int i = 0; i < names.length; i++) {
            v.field(table, i, names[i].equals("activation") ? 1 : 4, tower + "." + names[i]);
        }
    }

    private ClipConfig config(Model m) throws ModelFileException {
        try {
            Vision v = m.vision();
            Text t = m.text();
            Preprocess p = m.preprocess();
            VisionConfig vision = new VisionConfig(v.imageSize(), v.patchSize(), v.width(), v.layers(), v.heads(),
                    v.mlpWidth(), activation(v.activation()), v.layerNormEps());
            TextConfig text = new TextConfig(t.contextLength(), t.vocabSize(), t.width(), t.heads(), t.layers(),
                    t.mlpWidth(), activation(t.activation()), t.layerNormEps());
            PreprocessConfig preprocess = new PreprocessConfig(p.size(), p.interpolation(), floats(p.meanLength(), p::mean),
                    floats(p.stdLength(), p::std));
            return new ClipConfig(vision, text, m.embedDim(), preprocess);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "invalid config: " + e.getMessage(), e);
        }
    }

    private static Activation activation(byte kind) {
        return switch (kind) {
            case ActivationKind.Gelu -> Activation.GELU;
            case ActivationKind.QuickGelu -> Activation.QUICK_GELU;
            default -> throw new IllegalArgumentException("unknown activation code " + kind);
        };
    }

    private static float[] floats(int n, java.util.function.IntToDoubleFunction get) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) get.applyAsDouble(i);
        }
        return out;
    }

    private TokenizerData tokenizer(Tokenizer t) throws ModelFileException {
        List<String> merges = lines(t.mergesAsByteBuffer(), "tokenizer.merges");
        List<String> vocabulary = lines(t.vocabularyAsByteBuffer(), "tokenizer.vocabulary");
        try {
            return new TokenizerData(merges, vocabulary, t.sotId(), t.eotId());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "invalid tokenizer: " + e.getMessage(), e);
        }
    }

    /** A '\n'-separated UTF-8 list; an empty blob is an empty list. */
    private List<String> lines(ByteBuffer bytes, String what) throws ModelFileException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFileException(file, "corrupt header: " + what + " is not valid UTF-8");
        }
        return text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
    }

    private static Provenance provenance(Model m) {
        org.tca4j.vit.io.fbs.Provenance p = m.provenance();
        return new Provenance(p.sourceFile(), p.sourceSha256(), p.sourceFormat(), p.modelName(), p.pretrainedTag(),
                p.converterVersion());
    }

    private List<TensorInfo> tensors(Model m) throws ModelFileException {
        List<TensorInfo> out = new ArrayList<>(m.tensorsLength());
        Tensor t = new Tensor();
        for (int i = 0; i < m.tensorsLength(); i++) {
            m.tensors(t, i);
            long[] shape = new long[t.shapeLength()];
            for (int d = 0; d < shape.length; d++) {
                shape[d] = t.shape(d);
            }
            out.add(new TensorInfo(t.name(), dtype(t.dtype(), t.name()), shape, t.offset(), t.length()));
        }
        return out;
    }

    private TensorDType dtype(byte code, String tensor) throws ModelFileException {
        return switch (code) {
            case org.tca4j.vit.io.fbs.DType.F32 -> TensorDType.F32;
            case org.tca4j.vit.io.fbs.DType.F16 -> TensorDType.F16;
            case org.tca4j.vit.io.fbs.DType.BF16 -> TensorDType.BF16;
            default -> throw new ModelFileException(file, "tensor '" + tensor + "' has unknown dtype code " + code);
        };
    }
}
