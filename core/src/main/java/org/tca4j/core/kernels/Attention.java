package org.tca4j.core.kernels;

import org.tca4j.core.flops.FlopCounter;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * Multi-head scaled dot-product attention over a packed {@code qkv} matrix, as OpenCLIP's
 * {@code nn.MultiheadAttention} computes it after the {@code in_proj}.
 *
 * <p>{@code qkv} is {@code [c + n, 3D]} with the columns split Q | K | V and each split cut into H heads of
 * {@code Dh = D / H} columns. Its first c rows are <em>context rows</em>: they act as keys and values for every
 * query, but their own outputs are dropped (TCA's reservoir anchor). Per head, for each of the n token rows:
 * {@code p = softmax(q·kᵀ / √Dh + mask)} over all c + n keys, then {@code out = p·v}. With {@code causal}, token i
 * sees context rows and tokens 0..i only (the text tower's additive −∞ mask).
 */
public final class Attention {
    private Attention() {}

    /**
     * Writes the n token rows' attention outputs (heads concatenated, before {@code out_proj}) into {@code out}
     * {@code [n, D]}. When {@code clsProbs} {@code [H, c + n]} is given, it receives the first token row's
     * probabilities over all keys, per head. Reports 2·n·(c+n)·D multiply-accumulates.
     */
    public static void attention(FloatMatrix qkv, int contextRows, int heads, boolean causal, FloatMatrix out,
                                 FloatMatrix clsProbs) {
        int total = qkv.rows();
        int n = total - contextRows;
        int d = qkv.cols() / 3;
        if (qkv.cols() != 3 * d || d % heads != 0 || out.rows() != n || out.cols() != d || contextRows < 0 || n < 1) {
            throw new IllegalArgumentException("attention over " + qkv + " with " + contextRows + " context rows, "
                    + heads + " heads, into " + out);
        }
        if (clsProbs != null && (clsProbs.rows() != heads || clsProbs.cols() != total)) {
            throw new IllegalArgumentException("cls probabilities " + clsProbs + ", expected " + heads + "×" + total);
        }
        FlopCounter.addMacs(2L * n * total * d);
        scalarAttention(qkv, contextRows, heads, causal, out, clsProbs);
    }

    static void scalarAttention(FloatMatrix qkv, int contextRows, int heads, boolean causal, FloatMatrix out,
                                FloatMatrix clsProbs) {
        int total = qkv.rows();
        int d = qkv.cols() / 3;
        int dh = d / heads;
        float scale = (float) (1.0 / Math.sqrt(dh));
        float[] p = new float[total];
        for (int h = 0; h < heads; h++) {
            int qc = h * dh, kc = d + h * dh, vc = 2 * d + h * dh;
            for (int i = contextRows; i < total; i++) {
                int visible = causal ? i + 1 : total;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < visible; j++) {
                    float s = 0f;
                    for (int e = 0; e < dh; e++) {
                        s += qkv.get(i, qc + e) * qkv.get(j, kc + e);
                    }
                    p[j] = s * scale;
                    max = Math.max(max, p[j]);
                }
                float sum = 0f;
                for (int j = 0; j < visible; j++) {
                    p[j] = (float) Math.exp(p[j] - max);
                    sum += p[j];
                }
                for (int j = 0; j < visible; j++) {
                    p[j] /= sum;
                }
                for (int e = 0; e < dh; e++) {
                    float acc = 0f;
                    for (int j = 0; j < visible; j++) {
                        acc += p[j] * qkv.get(j, vc + e);
                    }
                    out.set(i - contextRows, qc + e, acc);
                }
                if (clsProbs != null && i == contextRows) {
                    for (int j = 0; j < total; j++) {
                        clsProbs.set(h, j, j < visible ? p[j] : 0f);
                    }
                }
            }
        }
    }
}
