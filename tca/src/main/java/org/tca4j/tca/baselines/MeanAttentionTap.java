package org.tca4j.tca.baselines;

import java.util.List;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.vit.model.ForwardTrace;

/**
 * Rebuilds the head-mean attention probabilities {@code [n, n]} of selected blocks from the packed projections
 * the tower shows to its {@link ForwardTrace}: per head {@code softmax(q·kᵀ/√Dh)}, averaged over the heads, as
 * {@code nn.MultiheadAttention(average_attn_weights=True)} returns them. ToMe's matching needs every row of that
 * matrix; the condensation hook hands over only the {@code <cls>} row.
 *
 * <p>The arithmetic repeats the attention's scores outside the pass's FLOP count: in the reference this matrix
 * is a by-product of the block's own attention call.
 */
final class MeanAttentionTap implements ForwardTrace, AttentionProbe {
    private final List<Integer> layers;
    private final int heads;
    private int tappedLayer = -1;
    private FloatMatrix tapped;

    MeanAttentionTap(List<Integer> layers, int heads) {
        this.layers = List.copyOf(layers);
        this.heads = heads;
    }

    @Override
    public void afterQkv(int layer, FloatMatrix qkv, int contextRows) {
        if (!layers.contains(layer)) {
            return;
        }
        if (contextRows != 0) {
            throw new IllegalStateException("ToMe blocks take no context rows, block " + layer + " had " + contextRows);
        }
        tapped = meanAttention(qkv, heads);
        tappedLayer = layer;
    }

    @Override
    public FloatMatrix meanAttention(int layer, int n) {
        if (tappedLayer != layer || tapped.rows() != n) {
            throw new IllegalStateException("no attention of block " + layer + " with " + n + " rows was tapped");
        }
        return tapped;
    }

    /** {@code (1/H) Σ_h softmax(q_h·k_hᵀ/√Dh)} over a packed {@code [n, 3D]} projection: {@code [n, n]}. */
    static FloatMatrix meanAttention(FloatMatrix qkv, int heads) {
        int n = qkv.rows(), d = qkv.cols() / 3, dh = d / heads;
        float scale = (float) (1.0 / Math.sqrt(dh));
        FloatMatrix mean = FloatMatrix.allocate(n, n);                       // [n, n]
        float[] p = new float[n];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < n; i++) {
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    float s = 0f;
                    for (int e = 0; e < dh; e++) {
                        s += qkv.get(i, h * dh + e) * qkv.get(j, d + h * dh + e);
                    }
                    p[j] = s * scale;
                    max = Math.max(max, p[j]);
                }
                float sum = 0f;
                for (int j = 0; j < n; j++) {
                    p[j] = (float) Math.exp(p[j] - max);
                    sum += p[j];
                }
                for (int j = 0; j < n; j++) {
                    mean.set(i, j, mean.get(i, j) + p[j] / sum / heads);
                }
            }
        }
        return mean;
    }
}
