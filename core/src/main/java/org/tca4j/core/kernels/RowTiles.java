package org.tca4j.core.kernels;

import static org.tca4j.core.kernels.Gemm.MR;

import java.lang.foreign.MemorySegment;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * The left-hand operand of the vector GEMM, repacked into tiles of {@link Gemm#MR} rows: inside a tile k-major,
 * {@code dst[(t·k + kk)·MR + r] = a[t·MR + r, kk]}, rows past m zero. The micro-kernel then reads one tile front
 * to back, MR broadcasts per k. The twin of {@link Panels}, which packs the right-hand operand.
 */
final class RowTiles {
    private RowTiles() {}

    /** Floats needed by {@link #pack} for m rows of length k. */
    static int size(int m, int k) {
        return Math.multiplyExact((m + MR - 1) / MR * MR, k);
    }

    /** Number of row tiles of m rows. */
    static int count(int m) {
        return (m + MR - 1) / MR;
    }

    /**
     * Packs the {@code m × k} row-major block of a (byte offset {@code aOff}, rows {@code aStride} floats apart)
     * into tiles of MR rows, k-major inside a tile: {@code dst[(t·k + kk)·MR + r] = a[t·MR + r, kk]}, padding rows
     * zero.
     */
    static void pack(MemorySegment a, long aOff, int aStride, int m, int k, float[] dst) {
        pack(a, aOff, aStride, m, k, dst, 0, count(m));
    }

    /** {@link #pack} for the tiles {@code [tileFrom, tileTo)} only (threads pack disjoint tiles). */
    static void pack(MemorySegment a, long aOff, int aStride, int m, int k, float[] dst, int tileFrom,
                     int tileTo) {
        float[] source = HeapArrays.array(a);
        for (int t = tileFrom; t < tileTo; t++) {
            if (source != null && (t + 1) * MR <= m) {
                packFullTile(source, HeapArrays.index(a, aOff + 4L * t * MR * aStride), aStride, k, dst, t * k * MR);
                continue;
            }
            for (int r = 0; r < MR; r++) {
                int row = t * MR + r;
                int base = t * k * MR + r;
                if (row < m && source != null) {
                    int src = HeapArrays.index(a, aOff + 4L * row * aStride);
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
     * One whole tile ({@link Gemm#MR} = 12 rows, as the micro-kernel) from a float array, k outermost: the tile is
     * written front to back once, its twelve rows read side by side. Row by row, the tile was written in twelve
     * strided passes; at K = 3072 (147 KB, beyond L1) that took 618 µs for M = 197 against 276 µs this way
     * (K = 768: the same; measured on the development VM).
     */
    private static void packFullTile(float[] source, int src, int stride, int k, float[] dst, int base) {
        int s0 = src, s1 = s0 + stride, s2 = s1 + stride, s3 = s2 + stride, s4 = s3 + stride, s5 = s4 + stride;
        int s6 = s5 + stride, s7 = s6 + stride, s8 = s7 + stride, s9 = s8 + stride, s10 = s9 + stride;
        int s11 = s10 + stride;
        for (int kk = 0, d = base; kk < k; kk++, d += MR) {
            dst[d] = source[s0 + kk];
            dst[d + 1] = source[s1 + kk];
            dst[d + 2] = source[s2 + kk];
            dst[d + 3] = source[s3 + kk];
            dst[d + 4] = source[s4 + kk];
            dst[d + 5] = source[s5 + kk];
            dst[d + 6] = source[s6 + kk];
            dst[d + 7] = source[s7 + kk];
            dst[d + 8] = source[s8 + kk];
            dst[d + 9] = source[s9 + kk];
            dst[d + 10] = source[s10 + kk];
            dst[d + 11] = source[s11 + kk];
        }
    }
}
