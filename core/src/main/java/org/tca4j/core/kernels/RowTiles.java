package org.tca4j.core.kernels;

import java.lang.foreign.MemorySegment;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * The left-hand operand of the vector GEMM, repacked into row tiles, one per micro-kernel call: the twin of
 * {@link Panels}, which packs the right-hand operand.
 *
 * <p>The tile plan depends on m alone. Tiles are {@link Gemm#MR} = 12 rows high, the main kernel's height, except
 * the last one or two, which take 8 or 6 rows (the heights of the smaller kernels) so that the plan covers m with
 * at most one row to spare, or at most three when m leaves 9 to 11 rows after its twelves:
 * <pre>
 *   m mod 12   0      1, 2       3, 4       5, 6    7, 8    9, 10, 11
 *   last tiles 12     8 + 6      8 + 8      6       8       12
 * </pre>
 * (1 and 2, 3 and 4 take one 12 back: 13 or 14 rows as 8 + 6, 15 or 16 as 8 + 8; below 5 rows one tile of 6).
 * A condensed pass's 74 rows run as five 12s, an 8 and a 6 instead of seven 12s; 140 rows end on an 8.
 *
 * <p>Layout: tile t starts at row {@code start(t)} and is {@code h = height(t)} rows high; it is stored from
 * {@code start(t)·k}, k-major with stride h: {@code dst[start·k + kk·h + r] = a[start + r, kk]}, rows past m zero.
 * The micro-kernel reads a tile front to back, h broadcasts per k.
 */
final class RowTiles {
    private RowTiles() {}

    /** Number of row tiles for m rows: one per twelve begun (an 8 + 6 or 8 + 8 ending replaces a last 12). */
    static int count(int m) {
        return (m + Gemm.MR - 1) / Gemm.MR;
    }

    /** First row of tile t. */
    static int start(int m, int t) {
        return t * Gemm.MR - (t == count(m) - 1 && endsOnTwoShortTiles(m) ? Gemm.MR - 8 : 0);
    }

    /** Kernel rows of tile t: 12, 8 or 6 (at least its valid rows, {@link #rows}). */
    static int height(int m, int t) {
        int last = count(m) - 1, rest = m % Gemm.MR;
        if (t < last - 1 || rest == 0) {
            return Gemm.MR;
        }
        if (endsOnTwoShortTiles(m)) {
            return t == last - 1 ? 8 : rest <= 2 ? 6 : 8;
        }
        if (t < last) {
            return Gemm.MR;
        }
        return rest <= 6 ? 6 : rest <= 8 ? 8 : Gemm.MR;
    }

    /** Rows of a that tile t holds: its height, or fewer for the last tile. */
    static int rows(int m, int t) {
        return Math.min(height(m, t), m - start(m, t));
    }

    /** Floats needed by {@link #pack} for m rows of length k. */
    static int size(int m, int k) {
        int last = count(m) - 1;
        return m == 0 ? 0 : Math.multiplyExact(start(m, last) + height(m, last), k);
    }

    /** Whether m ends with a twelve split into 8 + 6 or 8 + 8 (1 to 4 rows past its twelves, and one twelve). */
    private static boolean endsOnTwoShortTiles(int m) {
        int rest = m % Gemm.MR;
        return rest >= 1 && rest <= 4 && m > Gemm.MR;
    }

    /** Packs the {@code m × k} row-major block of a (byte offset {@code aOff}, rows {@code aStride} floats apart). */
    static void pack(MemorySegment a, long aOff, int aStride, int m, int k, float[] dst) {
        pack(a, aOff, aStride, m, k, dst, 0, count(m));
    }

    /** {@link #pack} for the tiles {@code [tileFrom, tileTo)} only (threads pack disjoint tiles). */
    static void pack(MemorySegment a, long aOff, int aStride, int m, int k, float[] dst, int tileFrom,
                     int tileTo) {
        float[] source = HeapArrays.array(a);
        float[] chunk = source == null ? new float[k] : null;             // a native row, copied in bulk
        for (int t = tileFrom; t < tileTo; t++) {
            int start = start(m, t), height = height(m, t), rows = rows(m, t);
            int base = start * k;
            if (source != null && height == Gemm.MR && rows == Gemm.MR) {
                packTwelve(source, HeapArrays.index(a, aOff + 4L * start * aStride), aStride, k, dst, base);
                continue;
            }
            for (int r = 0; r < height; r++) {
                long row = aOff + 4L * (start + r) * aStride;
                if (r >= rows) {
                    fillStrided(k, dst, base + r, height);
                } else if (source != null) {
                    copyStrided(source, HeapArrays.index(a, row), k, dst, base + r, height);
                } else {
                    MemorySegment.copy(a, FloatMatrix.FLOAT, row, chunk, 0, k);
                    copyStrided(chunk, 0, k, dst, base + r, height);
                }
            }
        }
    }

    /**
     * {@code dst[to + kk·stride] = source[from + kk]} for kk below k: one row into a k-major layout, a row of a into
     * its tile (stride: the tile's height) or a row of Bᵀ into a panel column ({@link Panels}, stride its width).
     */
    static void copyStrided(float[] source, int from, int k, float[] dst, int to, int stride) {
        for (int kk = 0; kk < k; kk++) {
            dst[to + kk * stride] = source[from + kk];
        }
    }

    /** A padding row of a last tile: zeros. */
    private static void fillStrided(int k, float[] dst, int to, int height) {
        for (int kk = 0; kk < k; kk++) {
            dst[to + kk * height] = 0f;
        }
    }

    /**
     * One whole tile of twelve rows from a float array, k outermost: the tile is written front to back once, its
     * twelve rows read side by side. Row by row, the tile was written in twelve strided passes; at K = 3072
     * (147 KB, beyond L1) that took 618 µs for M = 197 against 276 µs this way (K = 768: the same; measured on the
     * development VM).
     */
    private static void packTwelve(float[] source, int src, int stride, int k, float[] dst, int base) {
        int s0 = src, s1 = s0 + stride, s2 = s1 + stride, s3 = s2 + stride, s4 = s3 + stride, s5 = s4 + stride;
        int s6 = s5 + stride, s7 = s6 + stride, s8 = s7 + stride, s9 = s8 + stride, s10 = s9 + stride;
        int s11 = s10 + stride;
        for (int kk = 0, d = base; kk < k; kk++, d += Gemm.MR) {
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
