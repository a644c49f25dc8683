package org.tca4j.convert;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tca4j.convert.formats.SourceTensor;
import org.tca4j.vit.config.Activation;
import org.tca4j.vit.config.ClipConfig;
import org.tca4j.vit.config.PreprocessConfig;
import org.tca4j.vit.config.TextConfig;
import org.tca4j.vit.config.VisionConfig;

/**
 * Builds the {@link ClipConfig} of a checkpoint from its tensor shapes, as OpenCLIP builds a model from a state
 * dict, plus what the shapes cannot tell (activation, head counts, layer-norm eps, preprocessing) from the config
 * file beside the checkpoint, the model name, or {@code --quick-gelu}. Sources that disagree are an error.
 */
final class ConfigInference {
    private static final Pattern VISION_BLOCK = Pattern.compile("visual\\.transformer\\.resblocks\\.(\\d+)\\..*");
    private static final Pattern TEXT_BLOCK = Pattern.compile("transformer\\.resblocks\\.(\\d+)\\..*");

    private ConfigInference() {}

    static ClipConfig infer(Path checkpoint, Map<String, SourceTensor> tensors, ConfigFile file, ConvertOptions options)
            throws CheckpointException {
        long[] conv = shape(checkpoint, tensors, "visual.conv1.weight", 4);
        long[] visualPositions = shape(checkpoint, tensors, "visual.positional_embedding", 2);
        long[] proj = shape(checkpoint, tensors, "visual.proj", 2);
        long[] tokens = shape(checkpoint, tensors, "token_embedding.weight", 2);
        long[] textPositions = shape(checkpoint, tensors, "positional_embedding", 2);
        int visionLayers = layers(tensors, VISION_BLOCK);
        int textLayers = layers(tensors, TEXT_BLOCK);
        if (visionLayers == 0 || textLayers == 0) {
            throw new CheckpointException(checkpoint, "no " + (visionLayers == 0 ? "vision" : "text") + " transformer blocks found");
        }
        long visionMlp = shape(checkpoint, tensors, "visual.transformer.resblocks.0.mlp.c_fc.weight", 2)[0];
        long textMlp = shape(checkpoint, tensors, "transformer.resblocks.0.mlp.c_fc.weight", 2)[0];
        long width = conv[0];
        long patch = conv[3];
        long grid = Math.round(Math.sqrt(visualPositions[0] - 1.0));
        if (conv[1] != 3 || conv[2] != patch || grid * grid + 1 != visualPositions[0]) {
            throw new CheckpointException(checkpoint, "visual.conv1.weight " + Arrays.toString(conv)
                    + " and visual.positional_embedding " + Arrays.toString(visualPositions)
                    + " do not describe square RGB patches on a square grid");
        }
        long textWidth = tokens[1];
        Sizes sizes = new Sizes(Map.of("embed_dim", proj[1], "vision.image_size", grid * patch, "vision.patch_size", patch,
                "vision.width", width, "vision.layers", (long) visionLayers, "text.context_length", textPositions[0],
                "text.vocab_size", tokens[0], "text.width", textWidth, "text.layers", (long) textLayers));
        ModelSpec spec = options.modelName() == null ? null : named(checkpoint, options.modelName());
        Activation activation = activation(checkpoint, file, spec, options.quickGelu());
        if (file != null) {
            sizes.agreeWith(checkpoint, file.sizes(), file.path().getFileName().toString());
        }
        if (spec != null) {
            sizes.agreeWith(checkpoint, specSizes(spec), "--model " + spec.name());
        }
        int visionHeads = heads(checkpoint, "vision", width, file == null ? null : file.visionHeads(),
                spec == null ? null : spec.visionHeads());
        int textHeads = heads(checkpoint, "text", textWidth, file == null ? null : file.textHeads(),
                spec == null ? null : spec.textHeads());
        float eps = file != null && file.layerNormEps() != null ? file.layerNormEps() : 1e-5f;
        int imageSize = Math.toIntExact(grid * patch);
        PreprocessConfig preprocess = file != null && file.preprocess() != null ? file.preprocess()
                : PreprocessConfig.openai(imageSize);
        try {
            VisionConfig vision = new VisionConfig(imageSize, (int) patch, (int) width, visionLayers, visionHeads,
                    Math.toIntExact(visionMlp), activation, eps);
            TextConfig text = new TextConfig(Math.toIntExact(textPositions[0]), Math.toIntExact(tokens[0]),
                    Math.toIntExact(textWidth), textHeads, textLayers, Math.toIntExact(textMlp), activation, eps);
            return new ClipConfig(vision, text, Math.toIntExact(proj[1]), preprocess);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new CheckpointException(checkpoint, "the tensor shapes give an invalid config: " + e.getMessage());
        }
    }

    /** The activation from the config file, the model name or the flag; all that are given must agree. */
    private static Activation activation(Path checkpoint, ConfigFile file, ModelSpec spec, boolean quickGeluFlag)
            throws CheckpointException {
        Activation fromFile = file == null ? null : file.activation();
        Activation fromName = spec == null ? null : spec.activation();
        if (quickGeluFlag && fromFile == Activation.GELU) {
            throw new CheckpointException(checkpoint, "--quick-gelu contradicts " + file.path().getFileName()
                    + ", which says the model uses GELU");
        }
        if (quickGeluFlag && fromName == Activation.GELU) {
            throw new CheckpointException(checkpoint, "--quick-gelu contradicts --model " + spec.name()
                    + " (use " + spec.name() + "-quickgelu)");
        }
        if (fromFile != null && fromName != null && fromFile != fromName) {
            throw new CheckpointException(checkpoint, "--model " + spec.name() + " uses " + fromName.fileName() + " but "
                    + file.path().getFileName() + " says " + fromFile.fileName());
        }
        if (fromFile != null) {
            return fromFile;
        }
        if (fromName != null) {
            return fromName;
        }
        if (quickGeluFlag) {
            return Activation.QUICK_GELU;
        }
        throw new CheckpointException(checkpoint, "cannot tell the activation: there is no " + ConfigFile.OPEN_CLIP_NAME
                + " (or " + ConfigFile.HF_NAME + ") beside the checkpoint; pass --model NAME (e.g. ViT-B-16 or"
                + " ViT-B-16-quickgelu) or --quick-gelu");
    }

    private static int heads(Path checkpoint, String tower, long width, Integer fromFile, Integer fromName)
            throws CheckpointException {
        if (fromFile != null && fromName != null && !fromFile.equals(fromName)) {
            throw new CheckpointException(checkpoint, tower + " heads: the config file says " + fromFile + ", the model name "
                    + fromName);
        }
        if (fromFile != null) {
            return fromFile;
        }
        if (fromName != null) {
            return fromName;
        }
        if (width % ModelSpec.VISION_HEAD_WIDTH != 0) {
            throw new CheckpointException(checkpoint, "cannot tell the " + tower + " head count of width " + width
                    + " (not a multiple of 64); put the model's config file beside the checkpoint");
        }
        return (int) (width / ModelSpec.VISION_HEAD_WIDTH); // OpenCLIP's rule for OpenAI state dicts
    }

    private static ModelSpec named(Path checkpoint, String name) throws CheckpointException {
        try {
            return ModelSpec.named(name);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(checkpoint, e.getMessage());
        }
    }

    private static Map<String, Long> specSizes(ModelSpec s) {
        return Map.of("embed_dim", (long) s.embedDim(), "vision.image_size", (long) ModelSpec.IMAGE_SIZE,
                "vision.patch_size", (long) s.patchSize(), "vision.width", (long) s.visionWidth(),
                "vision.layers", (long) s.visionLayers(), "text.context_length", (long) ModelSpec.CONTEXT_LENGTH,
                "text.vocab_size", (long) ModelSpec.VOCAB_SIZE, "text.width", (long) s.textWidth(),
                "text.layers", (long) s.textLayers());
    }

    /** The sizes read off the shapes; another source stating a different value is an error. */
    private record Sizes(Map<String, Long> fromShapes) {
        void agreeWith(Path checkpoint, Map<String, Long> stated, String source) throws CheckpointException {
            for (Map.Entry<String, Long> e : new java.util.TreeMap<>(stated).entrySet()) {
                Long actual = fromShapes.get(e.getKey());
                if (actual != null && !actual.equals(e.getValue())) {
                    throw new CheckpointException(checkpoint, source + " says " + e.getKey() + " is " + e.getValue()
                            + " but the checkpoint's tensors have " + actual);
                }
            }
        }
    }

    private static long[] shape(Path checkpoint, Map<String, SourceTensor> tensors, String key, int rank)
            throws CheckpointException {
        SourceTensor t = tensors.get(key);
        if (t == null) {
            throw new CheckpointException(checkpoint, "key '" + key + "' missing");
        }
        long[] s = t.shape();
        if (s.length != rank) {
            throw new CheckpointException(checkpoint, "'" + key + "' has shape " + Arrays.toString(s) + ", expected " + rank
                    + " dimensions");
        }
        for (long side : s) {
            if (side <= 0 || side > Integer.MAX_VALUE) {
                throw new CheckpointException(checkpoint, "'" + key + "' has shape " + Arrays.toString(s));
            }
        }
        return s;
    }

    private static int layers(Map<String, SourceTensor> tensors, Pattern block) {
        int max = -1;
        for (String key : tensors.keySet()) {
            Matcher m = block.matcher(key);
            if (m.matches() && m.group(1).length() < 6) {
                max = Math.max(max, Integer.parseInt(m.group(1)));
            }
        }
        return max + 1;
    }
}
