package org.tca4j.convert;

import java.util.Arrays;
import java.util.Locale;
import java.util.StringJoiner;
import org.tca4j.vit.config.ClipConfig;
import org.tca4j.vit.config.TextConfig;
import org.tca4j.vit.config.VisionConfig;
import org.tca4j.vit.io.ModelFile;
import org.tca4j.vit.io.Provenance;
import org.tca4j.vit.io.TensorInfo;

/** What {@code tca4j inspect} prints: config, provenance and the tensor table, as text or JSON. */
final class Inspection {
    private Inspection() {}

    static String text(ModelFile m) {
        ClipConfig c = m.config();
        VisionConfig v = c.vision();
        TextConfig t = c.text();
        Provenance p = m.provenance();
        StringBuilder sb = new StringBuilder();
        sb.append("file        ").append(m.path()).append('\n');
        sb.append(String.format(Locale.ROOT, "vision      %d px, patch %d, width %d, %d layers, %d heads, MLP %d, %s, eps %s%n",
                v.imageSize(), v.patchSize(), v.width(), v.layers(), v.heads(), v.mlpWidth(), v.activation().fileName(),
                v.layerNormEps()));
        sb.append(String.format(Locale.ROOT, "text        context %d, vocab %d, width %d, %d layers, %d heads, MLP %d, %s, eps %s%n",
                t.contextLength(), t.vocabSize(), t.width(), t.layers(), t.heads(), t.mlpWidth(), t.activation().fileName(),
                t.layerNormEps()));
        sb.append("embed dim   ").append(c.embedDim()).append('\n');
        sb.append(String.format(Locale.ROOT, "preprocess  %d px, %s, mean %s, std %s%n", c.preprocess().size(),
                c.preprocess().interpolation(), Arrays.toString(c.preprocess().mean()), Arrays.toString(c.preprocess().std())));
        sb.append("tokenizer   ").append(m.tokenizer()).append('\n');
        sb.append("source      ").append(p.sourceFile()).append(" (").append(p.sourceFormat()).append(", sha256 ")
                .append(p.sourceSha256()).append(")\n");
        sb.append("model       ").append(p.modelName().isEmpty() ? "-" : p.modelName()).append(", pretrained ")
                .append(p.pretrainedTag().isEmpty() ? "-" : p.pretrainedTag()).append('\n');
        sb.append("converter   ").append(p.converterVersion()).append('\n');
        sb.append(String.format(Locale.ROOT, "%-55s %-5s %-20s %12s %12s%n", "tensor", "dtype", "shape", "offset", "bytes"));
        for (String name : m.tensorNames()) {
            TensorInfo i = m.tensorInfo(name);
            sb.append(String.format(Locale.ROOT, "%-55s %-5s %-20s %12d %12d%n", name, i.dtype().cliName(),
                    Arrays.toString(i.shape()), i.offset(), i.length()));
        }
        return sb.toString();
    }

    static String json(ModelFile m) {
        ClipConfig c = m.config();
        VisionConfig v = c.vision();
        TextConfig t = c.text();
        Provenance p = m.provenance();
        StringJoiner tensors = new StringJoiner(",\n    ", "[\n    ", "\n  ]");
        for (String name : m.tensorNames()) {
            TensorInfo i = m.tensorInfo(name);
            tensors.add("{\"name\": " + quote(name) + ", \"dtype\": " + quote(i.dtype().cliName()) + ", \"shape\": "
                    + Arrays.toString(i.shape()) + ", \"offset\": " + i.offset() + ", \"bytes\": " + i.length() + "}");
        }
        return "{\n"
                + "  \"vision\": {\"image_size\": " + v.imageSize() + ", \"patch_size\": " + v.patchSize() + ", \"width\": "
                + v.width() + ", \"layers\": " + v.layers() + ", \"heads\": " + v.heads() + ", \"mlp_width\": " + v.mlpWidth()
                + ", \"activation\": " + quote(v.activation().fileName()) + ", \"layer_norm_eps\": " + v.layerNormEps() + "},\n"
                + "  \"text\": {\"context_length\": " + t.contextLength() + ", \"vocab_size\": " + t.vocabSize() + ", \"width\": "
                + t.width() + ", \"layers\": " + t.layers() + ", \"heads\": " + t.heads() + ", \"mlp_width\": " + t.mlpWidth()
                + ", \"activation\": " + quote(t.activation().fileName()) + ", \"layer_norm_eps\": " + t.layerNormEps() + "},\n"
                + "  \"embed_dim\": " + c.embedDim() + ",\n"
                + "  \"preprocess\": {\"size\": " + c.preprocess().size() + ", \"interpolation\": "
                + quote(c.preprocess().interpolation()) + ", \"mean\": " + Arrays.toString(c.preprocess().mean())
                + ", \"std\": " + Arrays.toString(c.preprocess().std()) + "},\n"
                + "  \"tokenizer\": {\"merges\": " + m.tokenizer().merges().size() + ", \"vocabulary\": "
                + m.tokenizer().vocabulary().size() + ", \"sot_id\": " + m.tokenizer().sotId() + ", \"eot_id\": "
                + m.tokenizer().eotId() + "},\n"
                + "  \"provenance\": {\"source_file\": " + quote(p.sourceFile()) + ", \"source_sha256\": "
                + quote(p.sourceSha256()) + ", \"source_format\": " + quote(p.sourceFormat()) + ", \"model_name\": "
                + quote(p.modelName()) + ", \"pretrained_tag\": " + quote(p.pretrainedTag()) + ", \"converter_version\": "
                + quote(p.converterVersion()) + "},\n"
                + "  \"tensors\": " + tensors + "\n}\n";
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
