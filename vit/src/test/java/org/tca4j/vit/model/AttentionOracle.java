package org.tca4j.vit.model;

import org.tca4j.core.tensor.FloatMatrix;

/** Attention probabilities of one head from a packed qkv tap, in double precision (test oracle). */
final class AttentionOracle {
    private AttentionOracle() {}

    /** {@code softmax(q·kᵀ/√Dh)} of head {@code head}, {@code [n, n]} row-major, zero above the diagonal if causal. */
    static float[] probs(FloatMatrix qkv, int heads, int head, boolean causal) {
        int n = qkv.rows();
        int d = qkv.cols() / 3;
        int dh = d / heads;
        float[] out = new float[n * n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            int visible = causal ? i + 1 : n;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < visible; j++) {
                double dot = 0;
                for (int e = 0; e < dh; e++) {
                    dot += (double) qkv.get(i, head * dh + e) * qkv.get(j, d + head * dh + e);
                }
                s[j] = dot / Math.sqrt(dh);
                max = Math.max(max, s[j]);
            }
            double sum = 0;
            for (int j = 0; j < visible; j++) {
                s[j] = Math.exp(s[j] - max);
                sum += s[j];
            }
            for (int j = 0; j < visible; j++) {
                out[i * n + j] = (float) (s[j] / sum);
            }
        }
        return out;
    }
}
