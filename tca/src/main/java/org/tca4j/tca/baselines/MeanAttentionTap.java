package org.tca4j.tca.baselines;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.tca4j.core.flops.FlopCounter;
import org.tca4j.core.kernels.MatMul;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.vit.model.ForwardTrace;

/**
 * Rebuilds the head-mean attention probabilities {@code [n, n]} of selected blocks from the packed projections
 * the tower shows to its {@link ForwardTrace}: per head {@code softmax(q·kᵀ/√Dh)}, averaged over the heads, as
 * {@code nn.MultiheadAttention(average_attn_weights=True)} returns them. ToMe's matching needs every row of that
 * matrix; the condensation hook hands over only the {@code <cls>} row.
 *
 * <p>The arithmetic repeats the attention's scores outside the pass's FLOP count: in the reference this matrix
 * is a by-product of the block's own attention call. The scores run on the core's packed GEMM (a scalar triple
 * loop here cost ToMe more time than its merges saved); {@link #scalarMeanAttention} is the definition beside it.
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

    /**
     * {@code (1/H) Σ_h softmax(q_h·k_hᵀ/√Dh)} over a packed {@code [n, 3D]} projection: {@code [n, n]}. The scores
     * of a head are one {@code q_h·k_hᵀ} product on the core's GEMM, counted into a throw-away counter so the pass's
     * own count stays the reference's; the softmax and the head mean follow {@link #scalarMeanAttention}.
     */
    static FloatMatrix meanAttention(FloatMatrix qkv, int heads) {
        int n = qkv.rows(), d = qkv.cols() / 3, dh = d / heads;
        float scale = (float) (1.0 / Math.sqrt(dh));
        FloatMatrix mean = FloatMatrix.allocate(n, n);                       // [n, n]
        FloatMatrix q = FloatMatrix.allocate(n, dh);                         // [n, Dh]
        FloatMatrix k = FloatMatrix.allocate(n, dh);                         // [n, Dh]
        FloatMatrix scores = FloatMatrix.allocate(n, n);                     // [n, n]
        float[] p = new float[n];
        for (int h = 0; h < heads; h++) {
            // this head's queries and keys, then their products
            for (int i = 0; i < n; i++) {
                MemorySegment.copy(qkv.segment(), qkv.offset(i, h * dh), q.segment(), q.offset(i, 0), 4L * dh);
                MemorySegment.copy(qkv.segment(), qkv.offset(i, d + h * dh), k.segment(), k.offset(i, 0), 4L * dh);
            }
            FlopCounter.measure(new FlopCounter(), () -> MatMul.matmulTransposed(q, k, scores));
            // softmax per row, added into the head mean
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    p[j] = scores.get(i, j) * scale;
                }
                addSoftmaxRow(mean, i, p, heads);
            }
        }
        return mean;
    }

    /** The definition: every score a sequential dot product, as the scalar GEMM forms it. */
    static FloatMatrix scalarMeanAttention(FloatMatrix qkv, int heads) {
        int n = qkv.rows(), d = qkv.cols() / 3, dh = d / heads;
        float scale = (float) (1.0 / Math.sqrt(dh));
        FloatMatrix mean = FloatMatrix.allocate(n, n);                       // [n, n]
        float[] p = new float[n];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    float s = 0f;
                    for (int e = 0; e < dh; e++) {
                        s += qkv.get(i, h * dh + e) * qkv.get(j, d + h * dh + e);
                    }
                    p[j] = s * scale;
                }
                addSoftmaxRow(mean, i, p, heads);
            }
        }
        return mean;
    }

    /** {@code mean[i] += softmax(p) / heads}; p is overwritten. */
    private static void addSoftmaxRow(FloatMatrix mean, int i, float[] p, int heads) {
        int n = p.length;
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
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
