package org.tca4j.convert.formats;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tca4j.convert.CheckpointException;

/**
 * Maps a Hugging Face {@code transformers} {@code CLIPModel} state dict to OpenCLIP's names: reads transformers'
 * {@code convert_clip_original_pytorch_to_hf.py} backwards. q/k/v projections are stacked into {@code in_proj}
 * (rows q, then k, then v), the two projections are transposed back to {@code [in, out]}, and
 * {@code position_ids} buffers are dropped.
 */
public final class HfNames {
    private HfNames() {}

    private static final Pattern LAYER = Pattern.compile(
            "(vision|text)_model\\.encoder\\.layers\\.(\\d+)\\.(layer_norm1|layer_norm2|mlp\\.fc1|mlp\\.fc2|self_attn\\.out_proj"
                    + "|self_attn\\.q_proj|self_attn\\.k_proj|self_attn\\.v_proj)\\.(weight|bias)");

    private static final Map<String, String> DIRECT = Map.ofEntries(
            Map.entry("vision_model.embeddings.patch_embedding.weight", "visual.conv1.weight"),
            Map.entry("vision_model.embeddings.class_embedding", "visual.class_embedding"),
            Map.entry("vision_model.embeddings.position_embedding.weight", "visual.positional_embedding"),
            Map.entry("vision_model.pre_layrnorm.weight", "visual.ln_pre.weight"),
            Map.entry("vision_model.pre_layrnorm.bias", "visual.ln_pre.bias"),
            Map.entry("vision_model.post_layernorm.weight", "visual.ln_post.weight"),
            Map.entry("vision_model.post_layernorm.bias", "visual.ln_post.bias"),
            Map.entry("text_model.embeddings.token_embedding.weight", "token_embedding.weight"),
            Map.entry("text_model.embeddings.position_embedding.weight", "positional_embedding"),
            Map.entry("text_model.final_layer_norm.weight", "ln_final.weight"),
            Map.entry("text_model.final_layer_norm.bias", "ln_final.bias"),
            Map.entry("logit_scale", "logit_scale"));

    private static final Map<String, String> TRANSPOSED = Map.of(
            "visual_projection.weight", "visual.proj",
            "text_projection.weight", "text_projection");

    private static final Map<String, String> LAYER_PARTS = Map.of(
            "layer_norm1", "ln_1", "layer_norm2", "ln_2", "mlp.fc1", "mlp.c_fc", "mlp.fc2", "mlp.c_proj",
            "self_attn.out_proj", "attn.out_proj");

    /** Whether the tensor names are Hugging Face's. */
    public static boolean isHuggingFace(List<SourceTensor> tensors) {
        return tensors.stream().anyMatch(t -> t.name().startsWith("vision_model.") || t.name().startsWith("text_model."));
    }

    /** The same tensors under OpenCLIP's names. */
    public static List<SourceTensor> toOpenClip(Path file, List<SourceTensor> tensors) throws CheckpointException {
        List<SourceTensor> out = new ArrayList<>();
        Map<String, SourceTensor[]> qkv = new LinkedHashMap<>();
        for (SourceTensor t : tensors) {
            String name = t.name();
            Matcher m = LAYER.matcher(name);
            if (name.endsWith(".embeddings.position_ids")) {
                continue;
            } else if (DIRECT.containsKey(name)) {
                out.add(new SourceTensor(DIRECT.get(name), t.dtype(), t.shape(), t.bytes()));
            } else if (TRANSPOSED.containsKey(name)) {
                out.add(transposed(file, TRANSPOSED.get(name), t));
            } else if (m.matches()) {
                String prefix = (m.group(1).equals("vision") ? "visual." : "") + "transformer.resblocks." + m.group(2) + ".";
                String part = m.group(3);
                if (part.startsWith("self_attn.") && part.endsWith("_proj") && !part.equals("self_attn.out_proj")) {
                    String key = prefix + "attn.in_proj_" + m.group(4);
                    int which = "qkv".indexOf(part.charAt("self_attn.".length()));
                    qkv.computeIfAbsent(key, k -> new SourceTensor[3])[which] = t;
                } else {
                    out.add(new SourceTensor(prefix + LAYER_PARTS.get(part) + "." + m.group(4), t.dtype(), t.shape(), t.bytes()));
                }
            } else {
                throw new CheckpointException(file, "unexpected Hugging Face tensor '" + name + "'");
            }
        }
        for (Map.Entry<String, SourceTensor[]> e : qkv.entrySet()) {
            out.add(stacked(file, e.getKey(), e.getValue()));
        }
        return out;
    }

    private static SourceTensor transposed(Path file, String name, SourceTensor t) throws CheckpointException {
        long[] s = t.shape();
        if (s.length != 2) {
            throw new CheckpointException(file, "'" + t.name() + "' has shape " + Arrays.toString(s) + ", expected 2-D");
        }
        int rows = (int) s[0];
        int cols = (int) s[1];
        int size = t.dtype().byteSize();
        return new SourceTensor(name, t.dtype(), new long[] {s[1], s[0]}, () -> {
            byte[] in = t.bytes().load();
            byte[] out = new byte[in.length];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    System.arraycopy(in, (r * cols + c) * size, out, (c * rows + r) * size, size);
                }
            }
            return out;
        });
    }

    /** Rows q, then k, then v, as OpenCLIP's {@code in_proj_weight}/{@code in_proj_bias}. */
    private static SourceTensor stacked(Path file, String name, SourceTensor[] qkv) throws CheckpointException {
        for (int i = 0; i < 3; i++) {
            if (qkv[i] == null) {
                throw new CheckpointException(file, "the " + "qkv".charAt(i) + " projection for '" + name + "' is missing");
            }
            if (qkv[i].dtype() != qkv[0].dtype() || !Arrays.equals(qkv[i].shape(), qkv[0].shape())) {
                throw new CheckpointException(file, "q, k and v projections for '" + name + "' differ in dtype or shape");
            }
        }
        long[] shape = qkv[0].shape();
        if (shape.length == 0) {
            throw new CheckpointException(file, "q projection for '" + name + "' is a scalar");
        }
        shape[0] *= 3;
        return new SourceTensor(name, qkv[0].dtype(), shape, () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (SourceTensor part : qkv) {
                out.write(part.bytes().load());
            }
            return out.toByteArray();
        });
    }
}
