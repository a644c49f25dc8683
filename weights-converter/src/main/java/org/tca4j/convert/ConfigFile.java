package org.tca4j.convert;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tca4j.vit.config.Activation;
import org.tca4j.vit.config.PreprocessConfig;

/**
 * What a config file beside a checkpoint says: OpenCLIP's {@code open_clip_config.json} (as the model hubs ship it)
 * or Hugging Face's {@code config.json}. Fields it does not give are null.
 *
 * @param path the file
 * @param activation the MLP activation ({@code quick_gelu} / {@code hidden_act})
 * @param visionHeads vision attention heads
 * @param textHeads text attention heads
 * @param layerNormEps layer norm epsilon
 * @param preprocess the eval transform, if given
 * @param sizes the sizes it states (e.g. {@code vision.width}), checked against the checkpoint's shapes
 */
public record ConfigFile(Path path, Activation activation, Integer visionHeads, Integer textHeads, Float layerNormEps,
                         PreprocessConfig preprocess, Map<String, Long> sizes) {
    public static final String OPEN_CLIP_NAME = "open_clip_config.json";
    public static final String HF_NAME = "config.json";

    /** The config file beside {@code checkpoint}, or null if there is none. */
    public static ConfigFile besides(Path checkpoint, boolean huggingFace) throws CheckpointException {
        Path dir = checkpoint.toAbsolutePath().getParent();
        Path file = dir.resolve(huggingFace ? HF_NAME : OPEN_CLIP_NAME);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Map<?, ?> json = object(file, read(file), "the file");
        try {
            return huggingFace ? huggingFace(file, json) : openClip(file, json);
        } catch (ClassCastException | ArithmeticException e) {
            throw new CheckpointException(file, "a field has the wrong JSON type or range");
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, e.getMessage());
        }
    }

    private static ConfigFile openClip(Path file, Map<?, ?> json) throws CheckpointException {
        Map<?, ?> model = object(file, json.get("model_cfg"), "model_cfg");
        Map<?, ?> vision = object(file, model.get("vision_cfg"), "model_cfg.vision_cfg");
        Map<?, ?> text = object(file, model.get("text_cfg"), "model_cfg.text_cfg");
        Object quick = model.get("quick_gelu");
        Activation activation = Boolean.TRUE.equals(quick) ? Activation.QUICK_GELU : Activation.GELU;
        Map<String, Long> sizes = sizes(model.get("embed_dim"), vision, text, "width", "layers", "context_length");
        long width = vision.get("width") instanceof Long w ? w : -1;
        long headWidth = vision.get("head_width") instanceof Long h ? h : 64;
        Integer visionHeads = width > 0 && headWidth > 0 && width % headWidth == 0 ? (int) (width / headWidth) : null;
        Integer textHeads = text.get("heads") instanceof Long h ? Math.toIntExact(h) : 8;
        PreprocessConfig preprocess = null;
        if (json.get("preprocess_cfg") instanceof Map<?, ?> p) {
            int size = vision.get("image_size") instanceof Long s ? Math.toIntExact(s) : 224;
            preprocess = new PreprocessConfig(size, interpolation(file, p.get("interpolation")),
                    floats(file, p.get("mean"), PreprocessConfig.OPENAI_MEAN), floats(file, p.get("std"), PreprocessConfig.OPENAI_STD));
            if (p.get("resize_mode") instanceof String mode && !mode.equals("shortest")) {
                throw new CheckpointException(file, "preprocess_cfg.resize_mode '" + mode + "' is not supported (only 'shortest')");
            }
        }
        return new ConfigFile(file, activation, visionHeads, textHeads, 1e-5f, preprocess, sizes);
    }

    /**
     * The name open_clip's {@code image_transform} would use: bicubic when the config gives none (absent, null or
     * empty), else one of the names it asserts on; anything else is refused here, before any output is written.
     */
    private static String interpolation(Path file, Object v) throws CheckpointException {
        if (v == null || v == Json.NULL || "".equals(v)) {
            return "bicubic";
        }
        if (v instanceof String s && PreprocessConfig.INTERPOLATIONS.contains(s)) {
            return s;
        }
        throw new CheckpointException(file, "preprocess_cfg.interpolation " + (v instanceof String s ? "'" + s + "'" : v)
                + " is not supported (open_clip accepts only " + String.join(", ", PreprocessConfig.INTERPOLATIONS) + ")");
    }

    private static ConfigFile huggingFace(Path file, Map<?, ?> json) throws CheckpointException {
        Map<?, ?> vision = object(file, json.get("vision_config"), "vision_config");
        Map<?, ?> text = object(file, json.get("text_config"), "text_config");
        Activation va = activation(file, vision.get("hidden_act"));
        Activation ta = activation(file, text.get("hidden_act"));
        if (va != ta) {
            throw new CheckpointException(file, "vision hidden_act " + va.fileName() + " and text hidden_act " + ta.fileName()
                    + " differ; OpenCLIP models use one activation");
        }
        float eps = vision.get("layer_norm_eps") instanceof Number n ? n.floatValue() : 1e-5f;
        float textEps = text.get("layer_norm_eps") instanceof Number n ? n.floatValue() : 1e-5f;
        if (eps != textEps) {
            throw new CheckpointException(file, "vision and text layer_norm_eps differ (" + eps + " vs " + textEps + ")");
        }
        Map<String, Long> sizes = sizes(json.get("projection_dim"), vision, text, "hidden_size", "num_hidden_layers",
                "max_position_embeddings");
        return new ConfigFile(file, va, intOrNull(vision.get("num_attention_heads")), intOrNull(text.get("num_attention_heads")),
                eps, null, sizes);
    }

    private static Activation activation(Path file, Object hiddenAct) throws CheckpointException {
        if (hiddenAct == null) {
            return Activation.QUICK_GELU; // transformers' CLIPVisionConfig/CLIPTextConfig default
        }
        if (hiddenAct instanceof String s && (s.equals("gelu") || s.equals("quick_gelu"))) {
            return Activation.fromFileName(s);
        }
        throw new CheckpointException(file, "hidden_act " + hiddenAct + " is not supported (gelu or quick_gelu)");
    }

    private static Integer intOrNull(Object v) {
        return v instanceof Long l && l > 0 && l <= Integer.MAX_VALUE ? (int) (long) l : null;
    }

    /**
     * The sizes both formats state, under our keys; the two formats differ only in the names of width, layers and
     * context length (the image and patch size and the vocabulary size are named alike).
     */
    private static Map<String, Long> sizes(Object embedDim, Map<?, ?> vision, Map<?, ?> text, String widthKey,
            String layersKey, String contextLengthKey) {
        Map<String, Long> sizes = new TreeMap<>();
        put(sizes, "embed_dim", embedDim);
        put(sizes, "vision.image_size", vision.get("image_size"));
        put(sizes, "vision.patch_size", vision.get("patch_size"));
        put(sizes, "vision.width", vision.get(widthKey));
        put(sizes, "vision.layers", vision.get(layersKey));
        put(sizes, "text.context_length", text.get(contextLengthKey));
        put(sizes, "text.vocab_size", text.get("vocab_size"));
        put(sizes, "text.width", text.get(widthKey));
        put(sizes, "text.layers", text.get(layersKey));
        return sizes;
    }

    private static void put(Map<String, Long> sizes, String key, Object v) {
        if (v instanceof Long l) {
            sizes.put(key, l);
        }
    }

    private static float[] floats(Path file, Object v, float[] fallback) throws CheckpointException {
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof List<?> list) || list.size() != 3 || !list.stream().allMatch(x -> x instanceof Number)) {
            throw new CheckpointException(file, "preprocess mean/std must be 3 numbers");
        }
        float[] out = new float[3];
        for (int i = 0; i < 3; i++) {
            out[i] = ((Number) list.get(i)).floatValue();
        }
        return out;
    }

    private static Map<?, ?> object(Path file, Object v, String what) throws CheckpointException {
        if (!(v instanceof Map<?, ?> m)) {
            throw new CheckpointException(file, what + " is not a JSON object");
        }
        return m;
    }

    private static Object read(Path file) throws CheckpointException {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return Json.parse(text);
        } catch (CharacterCodingException e) {
            throw new CheckpointException(file, "not UTF-8 text");
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, e.getMessage());
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + e, e);
        }
    }
}
