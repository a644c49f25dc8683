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
 *   <li>K in blocks of {@link #KC}: the k-block of packed a ({@code M × KC}, 200 KB for M = 197) stays in L2 for
 *       all the panels of the range;</li>
 *   <li>the panels of the range: one panel's k-block of B ({@code KC × WIDTH} floats, 32 KB at 512 bits) stays in
 *       L1 while every row tile passes it;</li>
 *   <li>the row tiles of a ({@code MR × KC} each, a sequential stream from L2);</li>
 *   <li>the micro-kernel: {@code MR × 2} vector accumulators; per k two vector loads of B, MR broadcasts of a and
 *       {@code 2·MR} fused multiply-adds. A c tile is loaded (after the first k-block) and stored once per
 *       k-block.</li>
 * </ol>
 * A last tile of exactly {@link #SHORT_MR} rows runs a 6-row twin of the micro-kernel; any other tile cut by the
 * end of the rows or by N (the last panel) runs the smallest kernel that covers it on a scratch tile and copies the
 * valid part in and out.
 *
 * <p>Numerics: every output element is the chain {@code acc = fma(a[i,k], B[k,j], acc)} over k = 0, 1, ... from
 * 0, whichever tile, thread or edge path computes it, so the bits depend neither on the tiling nor on the thread
 * partition (the K reduction is never split).
 */
final class Gemm {
    static final VectorSpecies<Float> F = Simd.F;
    /**
     * K block: a panel's k-block of B (KC × 32 floats at 512 bits, 32 KB) fits L1 beside a tile of a. On the
     * development VM's Intel Xeon (48 KB L1, 2 MB L2) KC from 192 to 768 measured the same within the noise.
     */
    static final int KC = 256;
    /**
     * Rows per tile of packed a and of the main micro-kernel. Twelve rows by two vectors keep 24 accumulators in
     * 32 vector registers and load each B vector once per 12 FMAs; measured on the development VM's Intel Xeon
     * (two 512-bit FMA ports) this kernel ran at ~80 % of the FMA peak with B in L1, the former 6-row one at ~70 %.
     */
    static final int MR = 12;
    /** Rows of the short micro-kernel, for a last tile of at most this many rows. */
    static final int SHORT_MR = 6;

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
        float[] source = floatArray(a);
        for (int t = tileFrom; t < tileTo; t++) {
            for (int r = 0; r < MR; r++) {
                int row = t * MR + r;
                int base = t * k * MR + r;
                if (row < m && source != null) {
                    int src = arrayIndex(a, aOff + 4L * row * aStride);
                    for (int kk = 0; kk < k; kk++) {
                        dst[base + kk * MR] = source[src + kk];
                    }
                } else if (row < m) {
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
        float[] cArray = floatArray(c);
        float[] biasArray = bias == null ? null : floatArray(bias);
        int biasBase = biasArray == null ? 0 : arrayIndex(bias, 0);
        if (bias != null && biasArray == null) {
            biasArray = bias.asSlice(0, 4L * b.n()).toArray(FloatMatrix.FLOAT);
        }
        for (int k0 = 0; k0 < k; k0 += KC) {
            int kc = Math.min(KC, k - k0);
            float[] blockBias = k0 + kc == k ? biasArray : null;
            for (int p = panelFrom; p < panelTo; p++) {
                panelBlock(a, m, b, p, k0, kc, c, cArray, cOff, cStride, blockBias, biasBase + p * Panels.WIDTH);
            }
        }
    }

    /**
     * One k block of one panel over every row tile: the panel's {@code kc × WIDTH} slice of B stays in L1 while
     * the tiles of a stream past it; the c tiles are loaded (after the first block) and stored once per block.
     */
    private static void panelBlock(float[] a, int m, Panels b, int p, int k0, int kc, MemorySegment c,
                                   float[] cArray, long cOff, int cStride, float[] bias, int biasOff) {
        int k = b.k();
        boolean accumulate = k0 > 0;
        boolean fullPanel = (p + 1) * Panels.WIDTH <= b.n();
        int bOff = b.index(p, k0);
        for (int t = 0; t < tiles(m); t++) {
            int aOff = (t * k + k0) * MR;
            int rows = Math.min(MR, m - t * MR);
            long cTile = cOff + 4L * (t * MR * (long) cStride + p * Panels.WIDTH);
            if (cArray != null && fullPanel && rows == MR) {
                tile(a, aOff, b.array(), bOff, kc, cArray, arrayIndex(c, cTile), cStride, accumulate, bias, biasOff);
            } else if (cArray != null && fullPanel && rows == SHORT_MR) {
                shortTile(a, aOff, b.array(), bOff, kc, cArray, arrayIndex(c, cTile), cStride, accumulate, bias,
                        biasOff);
            } else {
                edgeTile(a, aOff, b.array(), bOff, kc, c, cTile, cStride, accumulate, bias, biasOff, rows,
                        Math.min(Panels.WIDTH, b.n() - p * Panels.WIDTH));
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
        if (rows <= SHORT_MR) {
            shortTile(a, aOff, b, bOff, kc, scratch, 0, Panels.WIDTH, accumulate, scratchBias, 0);
        } else {
            tile(a, aOff, b, bOff, kc, scratch, 0, Panels.WIDTH, accumulate, scratchBias, 0);
        }
        for (int r = 0; r < rows; r++) {
            MemorySegment.copy(scratchSegment, r * sRow, c, cOff + r * cRow, 4L * cols);
        }
    }

    /**
     * The micro-kernel: an {@code MR × 2}-vector tile of c (from index {@code cOff}, rows {@code cRow} floats
     * apart) over one k block of one panel; per k two vector loads of B, MR broadcasts of a, {@code 2·MR} fused
     * multiply-adds.
     */
    private static void tile(float[] a, int aOff, float[] b, int bOff, int kc, float[] c, int cOff, int cRow,
            boolean accumulate, float[] bias, int biasOff) {
        int lanes = F.length();
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71, c80, c81, c90, c91, c100, c101, c110, c111;
        if (accumulate) {
            c00 = FloatVector.fromArray(F, c, cOff + 0 * cRow); c01 = FloatVector.fromArray(F, c, cOff + 0 * cRow + lanes);
            c10 = FloatVector.fromArray(F, c, cOff + 1 * cRow); c11 = FloatVector.fromArray(F, c, cOff + 1 * cRow + lanes);
            c20 = FloatVector.fromArray(F, c, cOff + 2 * cRow); c21 = FloatVector.fromArray(F, c, cOff + 2 * cRow + lanes);
            c30 = FloatVector.fromArray(F, c, cOff + 3 * cRow); c31 = FloatVector.fromArray(F, c, cOff + 3 * cRow + lanes);
            c40 = FloatVector.fromArray(F, c, cOff + 4 * cRow); c41 = FloatVector.fromArray(F, c, cOff + 4 * cRow + lanes);
            c50 = FloatVector.fromArray(F, c, cOff + 5 * cRow); c51 = FloatVector.fromArray(F, c, cOff + 5 * cRow + lanes);
            c60 = FloatVector.fromArray(F, c, cOff + 6 * cRow); c61 = FloatVector.fromArray(F, c, cOff + 6 * cRow + lanes);
            c70 = FloatVector.fromArray(F, c, cOff + 7 * cRow); c71 = FloatVector.fromArray(F, c, cOff + 7 * cRow + lanes);
            c80 = FloatVector.fromArray(F, c, cOff + 8 * cRow); c81 = FloatVector.fromArray(F, c, cOff + 8 * cRow + lanes);
            c90 = FloatVector.fromArray(F, c, cOff + 9 * cRow); c91 = FloatVector.fromArray(F, c, cOff + 9 * cRow + lanes);
            c100 = FloatVector.fromArray(F, c, cOff + 10 * cRow); c101 = FloatVector.fromArray(F, c, cOff + 10 * cRow + lanes);
            c110 = FloatVector.fromArray(F, c, cOff + 11 * cRow); c111 = FloatVector.fromArray(F, c, cOff + 11 * cRow + lanes);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = c60 = c61 = c70 = c71 = c80 = c81 = c90 = c91 = c100 = c101 = c110 = c111 = FloatVector.zero(F);
        }
        for (int k = 0; k < kc; k++) {
            int ak = aOff + k * MR, bk = bOff + k * Panels.WIDTH;
            FloatVector b0 = FloatVector.fromArray(F, b, bk);
            FloatVector b1 = FloatVector.fromArray(F, b, bk + lanes);
            FloatVector x0 = FloatVector.broadcast(F, a[ak + 0]);
            c00 = b0.fma(x0, c00); c01 = b1.fma(x0, c01);
            FloatVector x1 = FloatVector.broadcast(F, a[ak + 1]);
            c10 = b0.fma(x1, c10); c11 = b1.fma(x1, c11);
            FloatVector x2 = FloatVector.broadcast(F, a[ak + 2]);
            c20 = b0.fma(x2, c20); c21 = b1.fma(x2, c21);
            FloatVector x3 = FloatVector.broadcast(F, a[ak + 3]);
            c30 = b0.fma(x3, c30); c31 = b1.fma(x3, c31);
            FloatVector x4 = FloatVector.broadcast(F, a[ak + 4]);
            c40 = b0.fma(x4, c40); c41 = b1.fma(x4, c41);
            FloatVector x5 = FloatVector.broadcast(F, a[ak + 5]);
            c50 = b0.fma(x5, c50); c51 = b1.fma(x5, c51);
            FloatVector x6 = FloatVector.broadcast(F, a[ak + 6]);
            c60 = b0.fma(x6, c60); c61 = b1.fma(x6, c61);
            FloatVector x7 = FloatVector.broadcast(F, a[ak + 7]);
            c70 = b0.fma(x7, c70); c71 = b1.fma(x7, c71);
            FloatVector x8 = FloatVector.broadcast(F, a[ak + 8]);
            c80 = b0.fma(x8, c80); c81 = b1.fma(x8, c81);
            FloatVector x9 = FloatVector.broadcast(F, a[ak + 9]);
            c90 = b0.fma(x9, c90); c91 = b1.fma(x9, c91);
            FloatVector x10 = FloatVector.broadcast(F, a[ak + 10]);
            c100 = b0.fma(x10, c100); c101 = b1.fma(x10, c101);
            FloatVector x11 = FloatVector.broadcast(F, a[ak + 11]);
            c110 = b0.fma(x11, c110); c111 = b1.fma(x11, c111);
        }
        if (bias != null) {
            FloatVector bias0 = FloatVector.fromArray(F, bias, biasOff);
            FloatVector bias1 = FloatVector.fromArray(F, bias, biasOff + lanes);
            c00 = c00.add(bias0); c01 = c01.add(bias1);
            c10 = c10.add(bias0); c11 = c11.add(bias1);
            c20 = c20.add(bias0); c21 = c21.add(bias1);
            c30 = c30.add(bias0); c31 = c31.add(bias1);
            c40 = c40.add(bias0); c41 = c41.add(bias1);
            c50 = c50.add(bias0); c51 = c51.add(bias1);
            c60 = c60.add(bias0); c61 = c61.add(bias1);
            c70 = c70.add(bias0); c71 = c71.add(bias1);
            c80 = c80.add(bias0); c81 = c81.add(bias1);
            c90 = c90.add(bias0); c91 = c91.add(bias1);
            c100 = c100.add(bias0); c101 = c101.add(bias1);
            c110 = c110.add(bias0); c111 = c111.add(bias1);
        }
        c00.intoArray(c, cOff + 0 * cRow); c01.intoArray(c, cOff + 0 * cRow + lanes);
        c10.intoArray(c, cOff + 1 * cRow); c11.intoArray(c, cOff + 1 * cRow + lanes);
        c20.intoArray(c, cOff + 2 * cRow); c21.intoArray(c, cOff + 2 * cRow + lanes);
        c30.intoArray(c, cOff + 3 * cRow); c31.intoArray(c, cOff + 3 * cRow + lanes);
        c40.intoArray(c, cOff + 4 * cRow); c41.intoArray(c, cOff + 4 * cRow + lanes);
        c50.intoArray(c, cOff + 5 * cRow); c51.intoArray(c, cOff + 5 * cRow + lanes);
        c60.intoArray(c, cOff + 6 * cRow); c61.intoArray(c, cOff + 6 * cRow + lanes);
        c70.intoArray(c, cOff + 7 * cRow); c71.intoArray(c, cOff + 7 * cRow + lanes);
        c80.intoArray(c, cOff + 8 * cRow); c81.intoArray(c, cOff + 8 * cRow + lanes);
        c90.intoArray(c, cOff + 9 * cRow); c91.intoArray(c, cOff + 9 * cRow + lanes);
        c100.intoArray(c, cOff + 10 * cRow); c101.intoArray(c, cOff + 10 * cRow + lanes);
        c110.intoArray(c, cOff + 11 * cRow); c111.intoArray(c, cOff + 11 * cRow + lanes);
    }

    /**
     * {@link #tile} for the first {@link #SHORT_MR} rows of a tile (a last tile of at most that many rows): the
     * same chain per output, half the rows.
     */
    private static void shortTile(float[] a, int aOff, float[] b, int bOff, int kc, float[] c, int cOff, int cRow,
            boolean accumulate, float[] bias, int biasOff) {
        int lanes = F.length();
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (accumulate) {
            c00 = FloatVector.fromArray(F, c, cOff + 0 * cRow); c01 = FloatVector.fromArray(F, c, cOff + 0 * cRow + lanes);
            c10 = FloatVector.fromArray(F, c, cOff + 1 * cRow); c11 = FloatVector.fromArray(F, c, cOff + 1 * cRow + lanes);
            c20 = FloatVector.fromArray(F, c, cOff + 2 * cRow); c21 = FloatVector.fromArray(F, c, cOff + 2 * cRow + lanes);
            c30 = FloatVector.fromArray(F, c, cOff + 3 * cRow); c31 = FloatVector.fromArray(F, c, cOff + 3 * cRow + lanes);
            c40 = FloatVector.fromArray(F, c, cOff + 4 * cRow); c41 = FloatVector.fromArray(F, c, cOff + 4 * cRow + lanes);
            c50 = FloatVector.fromArray(F, c, cOff + 5 * cRow); c51 = FloatVector.fromArray(F, c, cOff + 5 * cRow + lanes);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = FloatVector.zero(F);
        }
        for (int k = 0; k < kc; k++) {
            int ak = aOff + k * MR, bk = bOff + k * Panels.WIDTH;
            FloatVector b0 = FloatVector.fromArray(F, b, bk);
            FloatVector b1 = FloatVector.fromArray(F, b, bk + lanes);
            FloatVector x0 = FloatVector.broadcast(F, a[ak + 0]);
            c00 = b0.fma(x0, c00); c01 = b1.fma(x0, c01);
            FloatVector x1 = FloatVector.broadcast(F, a[ak + 1]);
            c10 = b0.fma(x1, c10); c11 = b1.fma(x1, c11);
            FloatVector x2 = FloatVector.broadcast(F, a[ak + 2]);
            c20 = b0.fma(x2, c20); c21 = b1.fma(x2, c21);
            FloatVector x3 = FloatVector.broadcast(F, a[ak + 3]);
            c30 = b0.fma(x3, c30); c31 = b1.fma(x3, c31);
            FloatVector x4 = FloatVector.broadcast(F, a[ak + 4]);
            c40 = b0.fma(x4, c40); c41 = b1.fma(x4, c41);
            FloatVector x5 = FloatVector.broadcast(F, a[ak + 5]);
            c50 = b0.fma(x5, c50); c51 = b1.fma(x5, c51);
        }
        if (bias != null) {
            FloatVector bias0 = FloatVector.fromArray(F, bias, biasOff);
            FloatVector bias1 = FloatVector.fromArray(F, bias, biasOff + lanes);
            c00 = c00.add(bias0); c01 = c01.add(bias1);
            c10 = c10.add(bias0); c11 = c11.add(bias1);
            c20 = c20.add(bias0); c21 = c21.add(bias1);
            c30 = c30.add(bias0); c31 = c31.add(bias1);
            c40 = c40.add(bias0); c41 = c41.add(bias1);
            c50 = c50.add(bias0); c51 = c51.add(bias1);
        }
        c00.intoArray(c, cOff + 0 * cRow); c01.intoArray(c, cOff + 0 * cRow + lanes);
        c10.intoArray(c, cOff + 1 * cRow); c11.intoArray(c, cOff + 1 * cRow + lanes);
        c20.intoArray(c, cOff + 2 * cRow); c21.intoArray(c, cOff + 2 * cRow + lanes);
        c30.intoArray(c, cOff + 3 * cRow); c31.intoArray(c, cOff + 3 * cRow + lanes);
        c40.intoArray(c, cOff + 4 * cRow); c41.intoArray(c, cOff + 4 * cRow + lanes);
        c50.intoArray(c, cOff + 5 * cRow); c51.intoArray(c, cOff + 5 * cRow + lanes);
    }
}
