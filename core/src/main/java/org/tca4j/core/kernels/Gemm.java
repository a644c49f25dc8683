package org.tca4j.core.kernels;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.tca4j.core.simd.Simd;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * The vector GEMM behind {@link MatMul} and {@link Attention}: {@code c (+)= a·B} with a packed into row tiles
 * ({@link #packRows}) and B packed into column panels ({@link Panels}).
 *
 * <p>Loop structure of one thread's share, a contiguous range of panels (outermost first), after Goto's GEMM with
 * the vectors along the output columns:
 * <ol>
 *   <li>the panels of the range: the panel's column block of c ({@code M × WIDTH}, 25 KB for M = 197 at 512 bits)
 *       stays in L1/L2 while its partial sums build up;</li>
 *   <li>K in blocks of {@link #KC}: one panel's k-block ({@code KC × WIDTH} floats, 96 KB for K = 768 at 512
 *       bits) is read from L2 by every row tile;</li>
 *   <li>the row tiles of a ({@code MR × KC} each, a sequential stream; all of packed a stays in L2 or L3);</li>
 *   <li>the micro-kernel: {@code MR × 2} vector accumulators; per k two vector loads of B, MR broadcasts of a and
 *       {@code 2·MR} fused multiply-adds.</li>
 * </ol>
 * A tile that is cut by the end of the rows or by N (the last panel) runs the same micro-kernel on a scratch tile
 * and copies the valid part in and out.
 *
 * <p>Numerics: every output element is the chain {@code acc = fma(a[i,k], B[k,j], acc)} over k = 0, 1, ... from
 * 0, whichever tile, thread or edge path computes it, so the bits depend neither on the tiling nor on the thread
 * partition (the K reduction is never split).
 */
final class Gemm {
    static final VectorSpecies<Float> F = Simd.F;
    /**
     * K block. Measured on Zen 4: reloading the c tile between K blocks costs more than streaming a longer B panel
     * slice from L2 (K = 768 in blocks of 256: ~85 % of the FMA peak; unblocked: ~95 %), so only K beyond 1536 is
     * split.
     */
    static final int KC = 1536;
    /** Rows per micro-kernel tile. */
    static final int MR = 6;

    private static final ThreadLocal<float[]> EDGE_TILE = ThreadLocal.withInitial(() -> new float[MR * Panels.WIDTH]);
    private static final ThreadLocal<float[]> EDGE_BIAS = ThreadLocal.withInitial(() -> new float[Panels.WIDTH]);

    private Gemm() {}

    /** Floats needed by {@link #packRows} for m rows of length k. */
    static int packedRowsSize(int m, int k) {
        return Math.multiplyExact((m + MR - 1) / MR * MR, k);
    }

    /** Number of row tiles of m rows. */
    static int tiles(int m) {
        return (m + MR - 1) / MR;
    }

    /**
     * Packs the {@code m × k} row-major block of a (byte offset {@code aOff}, rows {@code aStride} floats apart)
     * into tiles of MR rows, k-major inside a tile: {@code dst[(t·k + kk)·MR + r] = a[t·MR + r, kk]}, padding rows
     * zero.
     */
    static void packRows(MemorySegment a, long aOff, int aStride, int m, int k, float[] dst) {
        packRows(a, aOff, aStride, m, k, dst, 0, tiles(m));
    }

    /** {@link #packRows} for the tiles {@code [tileFrom, tileTo)} only (threads pack disjoint tiles). */
    static void packRows(MemorySegment a, long aOff, int aStride, int m, int k, float[] dst, int tileFrom,
                         int tileTo) {
        for (int t = tileFrom; t < tileTo; t++) {
            for (int r = 0; r < MR; r++) {
                int row = t * MR + r;
                int base = t * k * MR + r;
                if (row < m) {
                    long src = aOff + 4L * row * aStride;
                    for (int kk = 0; kk < k; kk++) {
                        dst[base + kk * MR] = a.get(FloatMatrix.FLOAT, src + 4L * kk);
                    }
                } else {
                    for (int kk = 0; kk < k; kk++) {
                        dst[base + kk * MR] = 0f;
                    }
                }
            }
        }
    }

    /**
     * {@code c[i, col] = Σ_k a[i, k]·B[k, col]} for rows {@code [0, m)} and the columns of panels
     * {@code [panelFrom, panelTo)}; {@code a} packed by {@link #packRows}, c row-major from byte {@code cOff} with
     * rows {@code cStride} floats apart.
     */
    static void multiply(float[] a, int m, Panels b, MemorySegment c, long cOff, int cStride, int panelFrom,
                         int panelTo) {
        multiply(a, m, b, null, c, cOff, cStride, panelFrom, panelTo);
    }

    /**
     * {@link #multiply} plus a bias row ({@code [1, N]}, or null) added to the finished sums before they are stored,
     * {@code c = (Σ a·B) + bias}: the same float addition as a separate pass, without the pass.
     */
    static void multiply(float[] a, int m, Panels b, MemorySegment bias, MemorySegment c, long cOff, int cStride,
                         int panelFrom, int panelTo) {
        int k = b.k();
        int tiles = (m + MR - 1) / MR;
        int fullTiles = m / MR;
        int fullPanels = b.n() / Panels.WIDTH;
        float[] cArray = floatArray(c);
        float[] biasArray = bias == null ? null : floatArray(bias);
        int biasBase = biasArray == null ? 0 : arrayIndex(bias, 0);
        if (bias != null && biasArray == null) {
            biasArray = bias.asSlice(0, 4L * b.n()).toArray(FloatMatrix.FLOAT);
        }
        for (int p = panelFrom; p < panelTo; p++) {
            for (int k0 = 0; k0 < k; k0 += KC) {
                int kc = Math.min(KC, k - k0);
                boolean accumulate = k0 > 0;
                float[] tileBias = k0 + kc == k ? biasArray : null;
                int bOff = b.index(p, k0);
                int biasOff = biasBase + p * Panels.WIDTH;
                for (int t = 0; t < tiles; t++) {
                    int aOff = (t * k + k0) * MR;
                    long cTile = cOff + 4L * (t * MR * (long) cStride + p * Panels.WIDTH);
                    if (cArray != null && t < fullTiles && p < fullPanels) {
                        tile(a, aOff, b.array(), bOff, kc, cArray, arrayIndex(c, cTile), cStride, accumulate,
                                tileBias, biasOff);
                    } else {
                        edgeTile(a, aOff, b.array(), bOff, kc, c, cTile, cStride, accumulate, tileBias, biasOff,
                                Math.min(MR, m - t * MR), Math.min(Panels.WIDTH, b.n() - p * Panels.WIDTH));
                    }
                }
            }
        }
    }

    /**
     * The float array under a heap segment over a {@code float[]}, or null (native memory or another array type).
     * The micro-kernel reads and writes c through the array: C2 compiles the array vector accesses to plain loads
     * and stores, while the segment ones in this large method were left as calls that box every accumulator.
     */
    private static float[] floatArray(MemorySegment s) {
        return s.isNative() ? null : s.heapBase().orElse(null) instanceof float[] array ? array : null;
    }

    /** The index in {@link #floatArray} of the float at byte {@code offset} of the heap segment s. */
    private static int arrayIndex(MemorySegment s, long offset) {
        return Math.toIntExact((s.address() + offset) / 4);
    }

    /**
     * A tile cut to {@code rows × cols}, or a tile of a c that is not a float array: the micro-kernel on a scratch
     * tile, valid part copied in and out.
     */
    private static void edgeTile(float[] a, int aOff, float[] b, int bOff, int kc, MemorySegment c, long cOff,
                                 int cStride, boolean accumulate, float[] bias, int biasOff, int rows, int cols) {
        float[] scratch = EDGE_TILE.get();
        MemorySegment scratchSegment = MemorySegment.ofArray(scratch);
        long sRow = 4L * Panels.WIDTH;
        long cRow = 4L * cStride;
        float[] scratchBias = null;
        if (bias != null) {
            scratchBias = EDGE_BIAS.get();
            System.arraycopy(bias, biasOff, scratchBias, 0, cols);
        }
        if (accumulate) {
            for (int r = 0; r < rows; r++) {
                MemorySegment.copy(c, cOff + r * cRow, scratchSegment, r * sRow, 4L * cols);
            }
        }
        tile(a, aOff, b, bOff, kc, scratch, 0, Panels.WIDTH, accumulate, scratchBias, 0);
        for (int r = 0; r < rows; r++) {
            MemorySegment.copy(scratchSegment, r * sRow, c, cOff + r * cRow, 4L * cols);
        }
    }

    /**
     * The micro-kernel: an {@code MR × 2}-vector tile of c (from index {@code cOff}, rows {@code cRow} floats
     * apart) over one k block of one panel.
     */
    private static void tile(float[] a, int aOff, float[] b, int bOff, int kc, float[] c, int cOff, int cRow,
                             boolean accumulate, float[] bias, int biasOff) {
        int lanes = F.length();
        int c0 = cOff, c1 = c0 + cRow, c2 = c1 + cRow, c3 = c2 + cRow, c4 = c3 + cRow, c5 = c4 + cRow;
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (accumulate) {
            c00 = FloatVector.fromArray(F, c, c0); c01 = FloatVector.fromArray(F, c, c0 + lanes);
            c10 = FloatVector.fromArray(F, c, c1); c11 = FloatVector.fromArray(F, c, c1 + lanes);
            c20 = FloatVector.fromArray(F, c, c2); c21 = FloatVector.fromArray(F, c, c2 + lanes);
            c30 = FloatVector.fromArray(F, c, c3); c31 = FloatVector.fromArray(F, c, c3 + lanes);
            c40 = FloatVector.fromArray(F, c, c4); c41 = FloatVector.fromArray(F, c, c4 + lanes);
            c50 = FloatVector.fromArray(F, c, c5); c51 = FloatVector.fromArray(F, c, c5 + lanes);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = FloatVector.zero(F);
        }
        for (int k = 0, ak = aOff, bk = bOff; k < kc; k++, ak += MR, bk += 2 * lanes) {
            FloatVector b0 = FloatVector.fromArray(F, b, bk);
            FloatVector b1 = FloatVector.fromArray(F, b, bk + lanes);
            FloatVector x = FloatVector.broadcast(F, a[ak]);
            c00 = b0.fma(x, c00); c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(F, a[ak + 1]);
            c10 = b0.fma(x, c10); c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(F, a[ak + 2]);
            c20 = b0.fma(x, c20); c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(F, a[ak + 3]);
            c30 = b0.fma(x, c30); c31 = b1.fma(x, c31);
            x = FloatVector.broadcast(F, a[ak + 4]);
            c40 = b0.fma(x, c40); c41 = b1.fma(x, c41);
            x = FloatVector.broadcast(F, a[ak + 5]);
            c50 = b0.fma(x, c50); c51 = b1.fma(x, c51);
        }
        if (bias != null) {
            FloatVector bias0 = FloatVector.fromArray(F, bias, biasOff);
            FloatVector bias1 = FloatVector.fromArray(F, bias, biasOff + lanes);
            c00 = c00.add(bias0); c01 = c01.add(bias1); c10 = c10.add(bias0); c11 = c11.add(bias1);
            c20 = c20.add(bias0); c21 = c21.add(bias1); c30 = c30.add(bias0); c31 = c31.add(bias1);
            c40 = c40.add(bias0); c41 = c41.add(bias1); c50 = c50.add(bias0); c51 = c51.add(bias1);
        }
        c00.intoArray(c, c0); c01.intoArray(c, c0 + lanes);
        c10.intoArray(c, c1); c11.intoArray(c, c1 + lanes);
        c20.intoArray(c, c2); c21.intoArray(c, c2 + lanes);
        c30.intoArray(c, c3); c31.intoArray(c, c3 + lanes);
        c40.intoArray(c, c4); c41.intoArray(c, c4 + lanes);
        c50.intoArray(c, c5); c51.intoArray(c, c5 + lanes);
    }
}
