package org.tca4j.core.kernels;

import org.tca4j.core.flops.FlopCounter;
import org.tca4j.core.simd.Parallel;
import org.tca4j.core.simd.Simd;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * {@code y = x·Wᵀ + b}: x {@code [M, K]}, W {@code [N, K]} (PyTorch {@code Linear} layout), y {@code [M, N]}.
 *
 * <p>Contract: y must not overlap x; reports M·N·K multiply-accumulates to the current {@link FlopCounter} from the
 * calling thread.
 *
 * <p>Scalar definition ({@link #scalarMatmul}): each output is a dot product over K accumulated in float from
 * k = 0 upwards ({@code acc += x·w}), then plus the bias.
 *
 * <p>Vector version: x is packed into row tiles (split over the threads), then {@link Gemm} runs over W packed
 * into panels by {@link Linear#of} (loop structure and cache blocking: see {@link Gemm}); every output is the fused
 * chain {@code acc = fma(x, w, acc)} over k = 0 upwards, then plus the bias. The threads split the column panels
 * into contiguous static ranges ({@link Parallel#start}) and never a K reduction, so the bits do not depend on the
 * thread count. It differs from the scalar definition only by the fused rounding; the tests compare the two, and
 * the scalar definition with a double oracle, by NMSE (at most 1e-9; about 1e-11 is typical at K = 3072).
 * No allocation per call beyond the fan-out: the packed rows live in a buffer of the calling thread.
 */
public final class MatMul {
    /** Below this many multiply-accumulates per thread a call does not fan out. */
    private static final long MIN_MACS_PER_THREAD = 1L << 18;
    private static final ThreadLocal<Panels> TRANSPOSED_SCRATCH = ThreadLocal.withInitial(Panels::new);
    private static final ThreadLocal<float[][]> PACKED_ROWS = ThreadLocal.withInitial(() -> new float[1][0]);

    private MatMul() {}

    /** {@code y = x·Wᵀ + b}; reports M·N·K multiply-accumulates. */
    public static void matmul(FloatMatrix x, Linear w, FloatMatrix y) {
        checkShapes(x, w.in(), w.out(), y);
        FlopCounter.addMacs((long) x.rows() * w.out() * w.in());
        if (Simd.ENABLED) {
            vectorMatmul(x, w.packed(), w.bias(), y);
        } else {
            scalarMatmul(x, w.scalarWeight(), w.bias(), y);
        }
    }

    /**
     * {@code y = a·bᵀ} for two activations a {@code [M, K]}, b {@code [N, K]}; reports M·N·K MACs. The vector
     * version packs b on the fly (into a buffer of the calling thread, reused between calls).
     */
    public static void matmulTransposed(FloatMatrix a, FloatMatrix b, FloatMatrix y) {
        checkShapes(a, b.cols(), b.rows(), y);
        FlopCounter.addMacs((long) a.rows() * b.rows() * a.cols());
        if (Simd.ENABLED) {
            Panels packed = TRANSPOSED_SCRATCH.get();
            packed.packTransposed(b.segment(), 0, b.cols(), b.rows(), b.cols());
            vectorMatmul(a, packed, null, y);
        } else {
            scalarMatmul(a, b, null, y);
        }
    }

    static void scalarMatmul(FloatMatrix x, FloatMatrix w, FloatMatrix bias, FloatMatrix y) {
        int m = x.rows(), n = w.rows(), k = x.cols();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0f;
                for (int p = 0; p < k; p++) {
                    acc += x.get(i, p) * w.get(j, p);
                }
                y.set(i, j, bias == null ? acc : acc + bias.get(0, j));
            }
        }
    }

    static void vectorMatmul(FloatMatrix x, Panels w, FloatMatrix bias, FloatMatrix y) {
        int m = x.rows(), n = w.n(), k = w.k(), panels = w.panels();
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            y.segment().fill((byte) 0);
            if (bias != null) {
                for (int r = 0; r < m; r++) {
                    Elementwise.vectorAdd(y.segment(), y.offset(r, 0), bias.segment(), 0, n);
                }
            }
            return;
        }
        float[] packedRows = packedRows(RowTiles.size(m, k));
        int parts = Parallel.parts((long) m * n * k, MIN_MACS_PER_THREAD, panels);
        int tiles = RowTiles.count(m);
        int packParts = Math.min(parts, tiles);
        Parallel.run(packParts, part -> RowTiles.pack(x.segment(), 0, k, m, k, packedRows,
                Parallel.start(tiles, packParts, part), Parallel.start(tiles, packParts, part + 1)));
        Parallel.run(parts, part -> {
            int p0 = Parallel.start(panels, parts, part), p1 = Parallel.start(panels, parts, part + 1);
            Gemm.multiply(packedRows, m, w, bias == null ? null : bias.segment(), y.segment(), 0, n, p0, p1);
        });
    }

    /** The calling thread's buffer for the packed rows of x, grown when needed. */
    private static float[] packedRows(int size) {
        float[][] holder = PACKED_ROWS.get();
        if (holder[0].length < size) {
            holder[0] = new float[size];
        }
        return holder[0];
    }

    private static void checkShapes(FloatMatrix x, int k, int n, FloatMatrix y) {
        if (x.cols() != k || y.rows() != x.rows() || y.cols() != n) {
            throw new IllegalArgumentException("matmul " + x + " · [" + n + "×" + k + "]ᵀ into " + y);
        }
    }
}
