package org.tca4j.core.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
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
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    /**
     * K block. Measured on Zen 4: reloading the c tile between K blocks costs more than streaming a longer B panel
     * slice from L2 (K = 768 in blocks of 256: ~85 % of the FMA peak; unblocked: ~95 %), so only K beyond 1536 is
     * split.
     */
    static final int KC = 1536;
    /** Rows per micro-kernel tile. */
    static final int MR = 6;

    private static final ThreadLocal<MemorySegment> EDGE_TILE =
            ThreadLocal.withInitial(() -> MemorySegment.ofArray(new float[MR * Panels.WIDTH]));
    private static final ThreadLocal<MemorySegment> EDGE_BIAS =
            ThreadLocal.withInitial(() -> MemorySegment.ofArray(new float[Panels.WIDTH]));

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
        long cRow = 4L * cStride;
        for (int p = panelFrom; p < panelTo; p++) {
            for (int k0 = 0; k0 < k; k0 += KC) {
                int kc = Math.min(KC, k - k0);
                boolean accumulate = k0 > 0;
                MemorySegment tileBias = k0 + kc == k ? bias : null;
                int bOff = b.index(p, k0);
                long biasOff = 4L * p * Panels.WIDTH;
                for (int t = 0; t < tiles; t++) {
                    int aOff = (t * k + k0) * MR;
                    long cTile = cOff + t * MR * cRow + 4L * p * Panels.WIDTH;
                    if (t < fullTiles && p < fullPanels) {
                        tile(a, aOff, b.array(), bOff, kc, c, cTile, cRow, accumulate, tileBias, biasOff);
                    } else {
                        edgeTile(a, aOff, b.array(), bOff, kc, c, cTile, cRow, accumulate, tileBias, biasOff,
                                Math.min(MR, m - t * MR), Math.min(Panels.WIDTH, b.n() - p * Panels.WIDTH));
                    }
                }
            }
        }
    }

    /** A tile cut to {@code rows × cols}: the micro-kernel on a scratch tile, valid part copied in and out. */
    private static void edgeTile(float[] a, int aOff, float[] b, int bOff, int kc, MemorySegment c, long cOff,
                                 long cRow, boolean accumulate, MemorySegment bias, long biasOff, int rows, int cols) {
        MemorySegment scratch = EDGE_TILE.get();
        long sRow = 4L * Panels.WIDTH;
        MemorySegment scratchBias = null;
        if (bias != null) {
            scratchBias = EDGE_BIAS.get();
            MemorySegment.copy(bias, biasOff, scratchBias, 0, 4L * cols);
        }
        if (accumulate) {
            for (int r = 0; r < rows; r++) {
                MemorySegment.copy(c, cOff + r * cRow, scratch, r * sRow, 4L * cols);
            }
        }
        tile(a, aOff, b, bOff, kc, scratch, 0, sRow, accumulate, scratchBias, 0);
        for (int r = 0; r < rows; r++) {
            MemorySegment.copy(scratch, r * sRow, c, cOff + r * cRow, 4L * cols);
        }
    }

    /** The micro-kernel: an {@code MR × 2}-vector tile of c over one k block of one panel. */
    private static void tile(float[] a, int aOff, float[] b, int bOff, int kc, MemorySegment c, long cOff,
                             long cRow, boolean accumulate, MemorySegment bias, long biasOff) {
        int lanes = F.length();
        long vb = F.vectorByteSize();
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (accumulate) {
            c00 = load(c, cOff); c01 = load(c, cOff + vb);
            c10 = load(c, cOff + cRow); c11 = load(c, cOff + cRow + vb);
            c20 = load(c, cOff + 2 * cRow); c21 = load(c, cOff + 2 * cRow + vb);
            c30 = load(c, cOff + 3 * cRow); c31 = load(c, cOff + 3 * cRow + vb);
            c40 = load(c, cOff + 4 * cRow); c41 = load(c, cOff + 4 * cRow + vb);
            c50 = load(c, cOff + 5 * cRow); c51 = load(c, cOff + 5 * cRow + vb);
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
            FloatVector bias0 = load(bias, biasOff), bias1 = load(bias, biasOff + vb);
            c00 = c00.add(bias0); c01 = c01.add(bias1); c10 = c10.add(bias0); c11 = c11.add(bias1);
            c20 = c20.add(bias0); c21 = c21.add(bias1); c30 = c30.add(bias0); c31 = c31.add(bias1);
            c40 = c40.add(bias0); c41 = c41.add(bias1); c50 = c50.add(bias0); c51 = c51.add(bias1);
        }
        store(c00, c, cOff); store(c01, c, cOff + vb);
        store(c10, c, cOff + cRow); store(c11, c, cOff + cRow + vb);
        store(c20, c, cOff + 2 * cRow); store(c21, c, cOff + 2 * cRow + vb);
        store(c30, c, cOff + 3 * cRow); store(c31, c, cOff + 3 * cRow + vb);
        store(c40, c, cOff + 4 * cRow); store(c41, c, cOff + 4 * cRow + vb);
        store(c50, c, cOff + 5 * cRow); store(c51, c, cOff + 5 * cRow + vb);
    }

    private static FloatVector load(MemorySegment s, long off) {
        return FloatVector.fromMemorySegment(F, s, off, LE);
    }

    private static void store(FloatVector v, MemorySegment s, long off) {
        v.intoMemorySegment(s, off, LE);
    }
}
