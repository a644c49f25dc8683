package org.tca4j.tca.adapt;

import org.tca4j.core.kernels.Reductions;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.reservoir.ReservoirEntry;
import org.tca4j.tca.reservoir.TokenReservoir;

/**
 * TCA's logit correction: how much the current image's per-layer {@code <cls>} tokens resemble each class's
 * remembered ones.
 *
 * <p>Reference: Jo-wang/TCA 0f846d6, {@code runner.py}, {@code compute_reservoir_logits}: layer weights
 * {@code w = softmax(linspace(0, 1, L) / scale)}; per entry e the affinity {@code A_e = Σ_l w_l·cos(z_l, e_l)};
 * per class {@code corr[c] = λ·Σ_{e ∈ R[c]} exp(−β(1 − A_e))} (a sum, 0 for an empty class).
 *
 * <p>Deviations from the reference: fp32 tokens, affinities and kernel in double (the reference: fp16 affinities
 * and a fp16 one-hot class matrix).
 */
public final class LogitCorrection {
    private final double lambda;
    private final double beta;
    private final double[] layerWeights;

    /** The correction for tokens of {@code layers} layers. */
    public LogitCorrection(int layers, double scale, double lambda, double beta) {
        this.lambda = lambda;
        this.beta = beta;
        this.layerWeights = layerWeights(layers, scale);
    }

    /** Layers L the correction compares. */
    public int layers() {
        return layerWeights.length;
    }

    /** {@code softmax(t / scale)} with {@code t = linspace(0, 1, L)}: most weight on the last layers for small scale. */
    public static double[] layerWeights(int layers, double scale) {
        double[] w = new double[layers];
        double sum = 0;
        for (int l = 0; l < layers; l++) {
            double t = layers == 1 ? 0 : (double) l / (layers - 1);
            w[l] = Math.exp((t - 1) / scale);                      // shifted by the largest exponent, 1/scale
            sum += w[l];
        }
        for (int l = 0; l < layers; l++) {
            w[l] /= sum;
        }
        return w;
    }

    /** {@code A_e = Σ_l w_l·cos(z_l, e_l)} of the current tokens {@code z} {@code [L, W]} with one entry. */
    public double affinity(FloatMatrix z, ReservoirEntry e) {
        if (z.rows() != layerWeights.length || e.clsTokens().rows() != z.rows() || e.clsTokens().cols() != z.cols()) {
            throw new IllegalArgumentException("tokens " + z + " and entry " + e.clsTokens() + " for "
                    + layerWeights.length + " layer weights");
        }
        double a = 0;
        for (int l = 0; l < layerWeights.length; l++) {
            a += layerWeights[l] * Reductions.cosine(z.rowArray(l), e.layer(l));
        }
        return a;
    }

    /** {@code corr[c] = λ·Σ_{e ∈ R[c]} exp(−β(1 − A_e))} over the reservoir as it is now, {@code [C]}. */
    public float[] correction(FloatMatrix z, TokenReservoir reservoir) {
        float[] corr = new float[reservoir.classes()];
        for (int c = 0; c < corr.length; c++) {
            double sum = 0;
            for (ReservoirEntry e : reservoir.entries(c)) {
                sum += Math.exp(-beta * (1 - affinity(z, e)));
            }
            corr[c] = (float) (lambda * sum);
        }
        return corr;
    }
}
