package org.tca4j.convert;

import java.nio.file.Path;
import org.tca4j.vit.io.TensorDType;

/**
 * What {@code tca4j convert} was asked for besides the input and output.
 *
 * @param modelName {@code --model NAME}, or null
 * @param quickGelu {@code --quick-gelu}
 * @param dtype {@code --dtype}, or null to keep each tensor's stored type (f64 becomes f32)
 * @param vocab {@code --vocab FILE}, or null for the bundled {@code bpe_simple_vocab_16e6.txt.gz}
 * @param pretrainedTag {@code --pretrained TAG} recorded in the provenance, or null
 */
public record ConvertOptions(String modelName, boolean quickGelu, TensorDType dtype, Path vocab, String pretrainedTag) {
    /** No options: everything from the checkpoint and the config file beside it. */
    public static final ConvertOptions DEFAULTS = new ConvertOptions(null, false, null, null, null);

    public ConvertOptions withDtype(TensorDType d) {
        return new ConvertOptions(modelName, quickGelu, d, vocab, pretrainedTag);
    }

    public ConvertOptions withModel(String name) {
        return new ConvertOptions(name, quickGelu, dtype, vocab, pretrainedTag);
    }

    public ConvertOptions withQuickGelu(boolean quick) {
        return new ConvertOptions(modelName, quick, dtype, vocab, pretrainedTag);
    }
}
