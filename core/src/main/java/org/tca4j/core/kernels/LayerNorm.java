package org.tca4j.core.kernels;

import org.tca4j.core.flops.FlopCounter;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * Row-wise layer norm, as {@code torch.nn.LayerNorm}: {@code y = (x − mean) / sqrt(var + eps) · γ + β} with the
 * biased variance over each row. Reports five fvcore operations per element.
 */
public final class LayerNorm {
    private LayerNorm() {}

    /** {@code out = layerNorm(x)}; gamma and beta are {@code [1, cols]}; out may be x. */
    public static void layerNorm(FloatMatrix x, FloatMatrix gamma, FloatMatrix beta, float eps, FloatMatrix out) {
        FlopCounter.addLayerNorm(x.size());
        scalarLayerNorm(x, gamma, beta, eps, out);
    }

    static void scalarLayerNorm(FloatMatrix x, FloatMatrix gamma, FloatMatrix beta, float eps, FloatMatrix out) {
        int d = x.cols();
        for (int r = 0; r < x.rows(); r++) {
            float sum = 0f;
            for (int c = 0; c < d; c++) {
                sum += x.get(r, c);
            }
            float mean = sum / d;
            float sq = 0f;
            for (int c = 0; c < d; c++) {
                float dev = x.get(r, c) - mean;
                sq += dev * dev;
            }
            float inv = (float) (1.0 / Math.sqrt(sq / d + eps));
            for (int c = 0; c < d; c++) {
                out.set(r, c, (x.get(r, c) - mean) * inv * gamma.get(0, c) + beta.get(0, c));
            }
        }
    }
}
