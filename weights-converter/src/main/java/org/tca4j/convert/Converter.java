package org.tca4j.convert;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.tca4j.convert.formats.Checkpoint;
import org.tca4j.convert.formats.Checkpoints;
import org.tca4j.convert.formats.HfNames;
import org.tca4j.convert.formats.SourceTensor;
import org.tca4j.vit.config.ClipConfig;
import org.tca4j.vit.io.ModelFileWriter;
import org.tca4j.vit.io.Provenance;
import org.tca4j.vit.io.TensorDType;
import org.tca4j.vit.io.TokenizerData;
import org.tca4j.vit.weights.OpenClipKeys;

/**
 * Turns an OpenCLIP checkpoint into a {@code .tca4j} model file.
 *
 * <p>Steps: read the checkpoint (format detected from its bytes); map Hugging Face names to OpenCLIP's; infer the
 * config from the shapes and the config file beside the checkpoint; check that the tensor set and every shape are
 * exactly what the config requires; build the tokenizer data; write the file, one tensor in memory at a time,
 * through a temporary file renamed at the end. The same input gives the same bytes.
 */
public final class Converter {
    /** Recorded in every file's provenance. */
    public static final String VERSION = "tca4j-convert 1";

    private Converter() {}

    /** Converts {@code source} into the model file {@code target}; returns the config written. */
    public static ClipConfig convert(Path source, Path target, ConvertOptions options) throws IOException {
        TokenizerData tokenizer = options.vocab() == null ? BpeVocabulary.bundled() : BpeVocabulary.fromFile(options.vocab());
        return run(source, options, tokenizer, (config, provenance, entries) ->
                ModelFileWriter.write(target, config, tokenizer, provenance, entries));
    }

    /**
     * Does everything {@link #convert} does except writing: reads, maps, infers, checks, and converts every tensor's
     * bytes, throwing what {@code convert} would. For tests that feed the converter thousands of broken inputs.
     */
    static ClipConfig check(Path source, ConvertOptions options, TokenizerData tokenizer) throws IOException {
        return run(source, options, tokenizer, (config, provenance, entries) -> {
            for (ModelFileWriter.Entry e : entries) {
                e.bytes().writeTo(java.io.OutputStream.nullOutputStream());
            }
        });
    }

    /** Where the checked tensors go. */
    private interface Sink {
        void accept(ClipConfig config, Provenance provenance, List<ModelFileWriter.Entry> entries) throws IOException;
    }

    private static ClipConfig run(Path source, ConvertOptions options, TokenizerData tokenizer, Sink sink)
            throws IOException {
        try (Checkpoint checkpoint = Checkpoints.read(source)) {
            boolean huggingFace = HfNames.isHuggingFace(checkpoint.tensors());
            List<SourceTensor> named = huggingFace ? HfNames.toOpenClip(source, checkpoint.tensors()) : checkpoint.tensors();
            Map<String, SourceTensor> tensors = new LinkedHashMap<>();
            for (SourceTensor t : named) {
                if (tensors.put(t.name(), t) != null) {
                    throw new CheckpointException(source, "tensor '" + t.name() + "' appears twice");
                }
            }
            ConfigFile file = ConfigFile.besides(source, huggingFace);
            ClipConfig config = ConfigInference.infer(source, tensors, file, options);
            List<ModelFileWriter.Entry> entries = entries(source, tensors, config, options.dtype());
            if (tokenizer.vocabulary().size() != config.text().vocabSize()) {
                throw new CheckpointException(source, "the checkpoint's vocabulary has " + config.text().vocabSize()
                        + " tokens but the BPE vocabulary has " + tokenizer.vocabulary().size());
            }
            Provenance provenance = new Provenance(source.getFileName().toString(), sha256(source),
                    huggingFace ? "hf-safetensors" : checkpoint.format(), nullToEmpty(options.modelName()),
                    nullToEmpty(options.pretrainedTag()), VERSION);
            sink.accept(config, provenance, entries);
            return config;
        }
    }

    /** One writer entry per required key, in OpenCLIP's order; the key set and shapes must match exactly. */
    private static List<ModelFileWriter.Entry> entries(Path source, Map<String, SourceTensor> tensors, ClipConfig config,
                                                       TensorDType dtype) throws CheckpointException {
        SequencedMap<String, long[]> expected = OpenClipKeys.expectedShapes(config);
        for (String key : expected.keySet()) {
            if (!tensors.containsKey(key)) {
                throw new CheckpointException(source, "key '" + key + "' missing");
            }
        }
        List<ModelFileWriter.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            SourceTensor t = tensors.get(e.getKey());
            if (!Arrays.equals(t.shape(), e.getValue())) {
                throw new CheckpointException(source, "'" + t.name() + "' has shape " + Arrays.toString(t.shape())
                        + ", expected " + Arrays.toString(e.getValue()));
            }
            if (!t.dtype().floating()) {
                throw new CheckpointException(source, "'" + t.name() + "' holds " + t.dtype() + ", not floating-point values");
            }
            TensorDType stored = dtype != null ? dtype : DTypes.keep(t.dtype());
            entries.add(new ModelFileWriter.Entry(t.name(), stored, t.shape(),
                    out -> out.write(DTypes.convert(t.bytes().load(), t.dtype(), stored))));
        }
        for (String key : tensors.keySet()) {
            if (!expected.containsKey(key)) {
                throw new CheckpointException(source, "unexpected tensor '" + key + "' for the inferred model");
            }
        }
        return entries;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
