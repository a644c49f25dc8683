package org.tca4j.core.kernels;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.tca4j.core.flops.FlopCounter;
import org.tca4j.core.simd.Parallel;
import org.tca4j.core.simd.Simd;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * Multi-head scaled dot-product attention over a packed {@code qkv} matrix, as OpenCLIP's
 * {@code nn.MultiheadAttention} computes it after the {@code in_proj}.
 *
 * <p>Contract: {@code qkv} is {@code [c + n, 3D]} with the columns split Q | K | V and each split cut into H heads of
 * {@code Dh = D / H} columns. Its first c rows are <em>context rows</em>: they act as keys and values for every
 * query, but their own outputs are dropped (TCA's reservoir anchor). Per head, for each of the n token rows:
 * {@code p = softmax(q·kᵀ / √Dh + mask)} over all c + n keys, then {@code out = p·v}. With {@code causal}, token i
 * sees context rows and tokens 0..i only (the text tower's additive −∞ mask). Reports {@code 2·n·(c+n)·D}
 * multiply-accumulates (fvcore's count for the two matmuls) and five element-wise FLOPs per score.
 *
 * <p>Scalar definition ({@link #scalarAttention}): per head and query row, dot products accumulated in float, the
 * softmax with {@code Math.exp} and, as ATen's CPU softmax, a multiplication by the reciprocal of the sum, the
 * weighted sum of values accumulated in float.
 *
 * <p>Vector version: per head, {@code S = Q·Kᵀ} and {@code O = P·V} through {@link Gemm} (K and V packed into
 * panels, Q and P into row tiles, all in a per-thread {@link Workspace} reused between calls), and a vector row
 * softmax ({@link VectorMath#exp}, masked keys set to probability 0). The heads are split over the threads in
 * contiguous static ranges, each head computed whole by one thread, so the bits do not depend on the thread count.
 * Tests compare it with the scalar definition, and the scalar definition with a double oracle, by NMSE at most 1e-10
 * (fused rounding, a different exp and summation order), and demand the same bits on 1 and 2 threads.
 */
public final class Attention {
    private static final VectorSpecies<Float> F = Simd.F;
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private Attention() {}

    /**
     * Writes the n token rows' attention outputs (heads concatenated, before {@code out_proj}) into {@code out}
     * {@code [n, D]}. When {@code probs} {@code [H·r, c + n]} is given (1 ≤ r ≤ n), it receives the first r token
     * rows' probabilities over all keys, head-major: row {@code h·r + i} is head h, token row i (full rows, anchor
     * columns included, not renormalised). r = 1 gives the {@code <cls>} row per head, {@code [H, c + n]}; r = n
     * every row, as {@code nn.MultiheadAttention} returns them with {@code average_attn_weights=False}.
     */
    public static void attention(FloatMatrix qkv, int contextRows, int heads, boolean causal, FloatMatrix out,
                                 FloatMatrix probs) {
        int total = qkv.rows();
        int n = total - contextRows;
        int d = qkv.cols() / 3;
        if (heads < 1 || contextRows < 0 || n < 1 || qkv.cols() != 3 * d || d % heads != 0 || out.rows() != n
                || out.cols() != d) {
            throw new IllegalArgumentException("attention over " + qkv + " with " + contextRows + " context rows, "
                    + heads + " heads, into " + out);
        }
        if (probs != null && (probs.rows() % heads != 0 || probs.rows() < heads || probs.rows() > heads * n
                || probs.cols() != total)) {
            throw new IllegalArgumentException("attention probabilities " + probs + ", expected [" + heads
                    + "·r, " + total + "] with 1 ≤ r ≤ " + n);
        }
        FlopCounter.addMacs(2L * n * total * d);
        FlopCounter.addElementwise(5L * heads * n * total);
        if (Simd.ENABLED) {
            vectorAttention(qkv, contextRows, heads, causal, out, probs);
        } else {
            scalarAttention(qkv, contextRows, heads, causal, out, probs);
        }
    }

    static void scalarAttention(FloatMatrix qkv, int contextRows, int heads, boolean causal, FloatMatrix out,
                                FloatMatrix probs) {
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
                float inverse = 1f / sum;
                for (int j = 0; j < visible; j++) {
                    p[j] *= inverse;
                }
                for (int e = 0; e < dh; e++) {
                    float acc = 0f;
                    for (int j = 0; j < visible; j++) {
                        acc += p[j] * qkv.get(j, vc + e);
                    }
                    out.set(i - contextRows, qc + e, acc);
                }
                int row = i - contextRows, rows = probs == null ? 0 : probs.rows() / heads;
                if (row < rows) {
                    for (int j = 0; j < total; j++) {
                        probs.set(h * rows + row, j, j < visible ? p[j] : 0f);
                    }
                }
            }
        }
    }

    /** One thread's reusable buffers for the vector path. */
    private static final class Workspace {
        final Panels keys = new Panels();
        final Panels values = new Panels();
        float[] packed = new float[0];
        float[] scores = new float[0];
        final float[] lanes = new float[F.length()];

        void ensure(int packedSize, int scoreSize) {
            if (packed.length < packedSize) {
                packed = new float[packedSize];
            }
            if (scores.length < scoreSize) {
                scores = new float[scoreSize];
            }
        }
    }

    static void vectorAttention(FloatMatrix qkv, int contextRows, int heads, boolean causal, FloatMatrix out,
                                FloatMatrix probs) {
        int total = qkv.rows(), n = total - contextRows;
        int d = qkv.cols() / 3;
        long work = (long) heads * n * total * d;
        int parts = Parallel.parts(work, 1L << 16, heads);
        Parallel.run(parts, part -> {
            Workspace ws = WORKSPACE.get();
            for (int h = Parallel.start(heads, parts, part); h < Parallel.start(heads, parts, part + 1); h++) {
                vectorHead(qkv, contextRows, heads, h, causal, out, probs, ws);
            }
        });
    }

    private static void vectorHead(FloatMatrix qkv, int contextRows, int heads, int h, boolean causal,
                                   FloatMatrix out, FloatMatrix probs, Workspace ws) {
        int total = qkv.rows(), n = total - contextRows;
        int d = qkv.cols() / 3, dh = d / heads, stride = 3 * d;
        MemorySegment src = qkv.segment();
        ws.ensure(Math.max(RowTiles.size(n, dh), RowTiles.size(n, total)), n * total);
        MemorySegment scores = MemorySegment.ofArray(ws.scores);
        // S [n, c+n] = Q_h·K_hᵀ
        RowTiles.pack(src, qkv.offset(contextRows, h * dh), stride, n, dh, ws.packed);
        ws.keys.packTransposed(src, qkv.offset(0, d + h * dh), stride, total, dh);
        Gemm.multiply(ws.packed, n, ws.keys, scores, 0, total, 0, ws.keys.panels());
        // P = softmax(S / √Dh + mask), row by row
        float scale = (float) (1.0 / Math.sqrt(dh));
        for (int r = 0; r < n; r++) {
            int visible = causal ? contextRows + r + 1 : total;
            softmaxRow(ws.scores, r * total, visible, total, scale, ws.lanes);
        }
        if (probs != null) {
            int rows = probs.rows() / heads;
            for (int r = 0; r < rows; r++) {
                MemorySegment.copy(ws.scores, r * total, probs.segment(), FloatMatrix.FLOAT,
                        probs.offset(h * rows + r, 0), total);
            }
        }
        // O_h [n, Dh] = P·V_h, written into the head's columns of out
        RowTiles.pack(scores, 0, total, n, total, ws.packed);
        ws.values.packRows(src, qkv.offset(0, 2 * d + h * dh), stride, total, dh);
        Gemm.multiply(ws.packed, n, ws.values, out.segment(), out.offset(0, h * dh), d, 0, ws.values.panels());
    }

    /**
     * {@code s[off .. off+visible) ← softmax(scale·s)}, and {@code s[off+visible .. off+total) ← 0}, in three passes
     * over the row: the maximum of the raw scores (scale > 0, and rounding is monotonic, so {@code fl(max·scale)} is
     * the maximum of the scaled scores), then {@code e = exp(fl(scale·s) − fl(scale·max))} and their sum, then
     * {@code e · (1 / sum)}. The last partial vector runs masked.
     */
    private static void softmaxRow(float[] s, int off, int visible, int total, float scale, float[] lanes) {
        float max = scale * rowMax(s, off, visible);
        float sum = expAndSum(s, off, visible, scale, max, lanes);
        scaleRow(s, off, visible, 1f / sum);
        java.util.Arrays.fill(s, off + visible, off + total, 0f);
    }

    /** The largest of {@code s[off .. off+visible)}. */
    private static float rowMax(float[] s, int off, int visible) {
        int full = F.loopBound(visible);
        FloatVector max = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        for (int j = 0; j < full; j += F.length()) {
            max = max.max(FloatVector.fromArray(F, s, off + j));
        }
        if (full < visible) {
            VectorMask<Float> tail = F.indexInRange(full, visible);
            max = max.lanewise(VectorOperators.MAX, FloatVector.fromArray(F, s, off + full, tail), tail);
        }
        return max.reduceLanes(VectorOperators.MAX);
    }

    /** {@code s[j] ← exp(fl(scale·s[j]) − scaledMax)} over the visible columns; returns their sum, lanes pairwise. */
    private static float expAndSum(float[] s, int off, int visible, float scale, float scaledMax, float[] lanes) {
        int full = F.loopBound(visible);
        FloatVector sum = FloatVector.zero(F);
        for (int j = 0; j < full; j += F.length()) {
            FloatVector e = VectorMath.exp(FloatVector.fromArray(F, s, off + j).mul(scale).sub(scaledMax));
            e.intoArray(s, off + j);
            sum = sum.add(e);
        }
        if (full < visible) {
            VectorMask<Float> tail = F.indexInRange(full, visible);
            FloatVector e = VectorMath.exp(FloatVector.fromArray(F, s, off + full, tail).mul(scale).sub(scaledMax));
            e.intoArray(s, off + full, tail);
            sum = sum.lanewise(VectorOperators.ADD, e, tail);
        }
        sum.intoArray(lanes, 0);
        return VectorMath.sumPairwise(lanes);
    }

    /** {@code s[j] ← s[j] · factor} over the visible columns. */
    private static void scaleRow(float[] s, int off, int visible, float factor) {
        int full = F.loopBound(visible);
        for (int j = 0; j < full; j += F.length()) {
            FloatVector.fromArray(F, s, off + j).mul(factor).intoArray(s, off + j);
        }
        if (full < visible) {
            VectorMask<Float> tail = F.indexInRange(full, visible);
            FloatVector.fromArray(F, s, off + full, tail).mul(factor).intoArray(s, off + full, tail);
        }
    }
}
