package org.tca4j.vit.config;

/**
 * The text tower's shape, as OpenCLIP's {@code text_cfg}.
 *
 * @param contextLength tokens per text, L (77)
 * @param vocabSize vocabulary size V (49408)
 * @param width residual width Dt (512)
 * @param heads attention heads (8)
 * @param layers residual attention blocks (12)
 * @param mlpWidth MLP hidden width (4·Dt)
 * @param activation the MLP activation (the same as the vision tower's in OpenCLIP)
 * @param layerNormEps epsilon of every layer norm
 */
public record TextConfig(int contextLength, int vocabSize, int width, int heads, int layers, int mlpWidth,
                         Activation activation, float layerNormEps) {
    public TextConfig {
        Checks.positive("text context length", contextLength);
        Checks.positive("text vocabulary size", vocabSize);
        Checks.positive("text width", width);
        Checks.positive("text heads", heads);
        Checks.positive("text layers", layers);
        Checks.positive("text MLP width", mlpWidth);
        Checks.divides("text", heads, width);
        Checks.eps(layerNormEps);
        java.util.Objects.requireNonNull(activation, "activation");
    }

    public int headWidth() {
        return width / heads;
    }
}
