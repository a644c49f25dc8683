package org.tca4j.tca.reservoir;

import org.tca4j.core.tensor.FloatMatrix;

/**
 * One remembered image: its per-layer {@code <cls>} tokens and the entropy of its prediction.
 *
 * <p>Reference: Jo-wang/TCA 0f846d6, {@code runner.py} ({@code update_reservoir_sim}'s items: the 12-layer
 * {@code cls_token_list}, the entropy, the image embedding).
 *
 * <p>Deviations from the reference: the image embedding, which the reference stores but does not read in its
 * default configuration, is not kept.
 *
 * @param id the caller's name for the image (the stream position), kept through save and restore
 * @param clsTokens {@code [L, W]}: row l is the residual-stream {@code <cls>} token at the output of block l
 * @param entropy entropy in nats of the softmax of the image's uncorrected logits
 */
public record ReservoirEntry(long id, FloatMatrix clsTokens, float entropy) {
    public ReservoirEntry {
        if (!Float.isFinite(entropy) || entropy < 0) {
            throw new IllegalArgumentException("entropy must be finite and >= 0, got " + entropy);
        }
        clsTokens = clsTokens.copy();
    }

    /** The mean of the L layer tokens, {@code [W]}: what eviction compares. */
    public float[] layerMean() {
        float[] mean = new float[clsTokens.cols()];
        for (int c = 0; c < mean.length; c++) {
            double s = 0;
            for (int l = 0; l < clsTokens.rows(); l++) {
                s += clsTokens.get(l, c);
            }
            mean[c] = (float) (s / clsTokens.rows());
        }
        return mean;
    }

    /** The token of layer {@code layer}, {@code [W]}, a copy. */
    public float[] layer(int layer) {
        return clsTokens.rowArray(layer);
    }
}
