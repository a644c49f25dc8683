package org.tca4j.core.kernels;

import org.tca4j.core.tensor.FloatMatrix;

/** The MLP activations of CLIP, applied in place. */
public final class Activations {
    private static final double INV_SQRT2 = 0.7071067811865476;
    /** QuickGELU's slope, from OpenAI CLIP: {@code x·σ(1.702x)}. */
    public static final float QUICK_GELU_SLOPE = 1.702f;

    private Activations() {}

    /** Exact GELU, {@code x·Φ(x) = x/2·(1 + erf(x/√2))}, as torch's default. */
    public static void gelu(FloatMatrix x) {
        for (long i = 0; i < x.size(); i++) {
            float v = x.at(i);
            x.segment().setAtIndex(FloatMatrix.FLOAT, i, (float) (0.5 * v * (1.0 + Erf.erf(v * INV_SQRT2))));
        }
    }

    /** QuickGELU, {@code x·σ(1.702x)}. */
    public static void quickGelu(FloatMatrix x) {
        for (long i = 0; i < x.size(); i++) {
            float v = x.at(i);
            x.segment().setAtIndex(FloatMatrix.FLOAT, i, v / (1f + (float) Math.exp(-QUICK_GELU_SLOPE * v)));
        }
    }
}
