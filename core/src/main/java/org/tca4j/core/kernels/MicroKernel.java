package org.tca4j.core.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked micro-kernels of {@link Gemm}: {@code c (+)= a·B} over one k-block of one panel for a row
 * tile of 12, 8 or 6 rows ({@link RowTiles}), two vectors wide. Each row count is its own method, since a
 * register-blocked kernel's rows are its local variables; every output is the chain
 * {@code acc = fma(a[i,k], B[k,j], acc)} over k from 0 (or from the c tile loaded when accumulating).
 */
final class MicroKernel {
    private static final VectorSpecies<Float> F = Gemm.F;

    private MicroKernel() {}

    /** The micro-kernel of {@code height} rows (12, 8 or 6: {@link RowTiles#height}). */
    static void run(int height, float[] a, int aOff, float[] b, int bOff, int kc, float[] c, int cOff,
                    int cRow, boolean accumulate) {
        switch (height) {
            case Gemm.MR -> tile(a, aOff, b, bOff, kc, c, cOff, cRow, accumulate);
            case 8 -> eightRowTile(a, aOff, b, bOff, kc, c, cOff, cRow, accumulate);
            default -> sixRowTile(a, aOff, b, bOff, kc, c, cOff, cRow, accumulate);
        }
    }

    /**
     * The micro-kernel: an {@code 12 × 2}-vector tile of c (from index {@code cOff}, rows {@code cRow} floats
     * apart) over one k block of one panel; per k two vector loads of B, 12 broadcasts of a, 24 fused
     * multiply-adds.
     */
    private static void tile(float[] a, int aOff, float[] b, int bOff, int kc, float[] c, int cOff, int cRow,
            boolean accumulate) {
        int lanes = F.length();
        FloatVector c0a, c0b, c1a, c1b, c2a, c2b, c3a, c3b, c4a, c4b, c5a, c5b, c6a, c6b, c7a, c7b, c8a, c8b,
                c9a, c9b, c10a, c10b, c11a, c11b;
        if (accumulate) {
            c0a = FloatVector.fromArray(F, c, cOff);
            c0b = FloatVector.fromArray(F, c, cOff + lanes);
            c1a = FloatVector.fromArray(F, c, cOff + 1 * cRow);
            c1b = FloatVector.fromArray(F, c, cOff + 1 * cRow + lanes);
            c2a = FloatVector.fromArray(F, c, cOff + 2 * cRow);
            c2b = FloatVector.fromArray(F, c, cOff + 2 * cRow + lanes);
            c3a = FloatVector.fromArray(F, c, cOff + 3 * cRow);
            c3b = FloatVector.fromArray(F, c, cOff + 3 * cRow + lanes);
            c4a = FloatVector.fromArray(F, c, cOff + 4 * cRow);
            c4b = FloatVector.fromArray(F, c, cOff + 4 * cRow + lanes);
            c5a = FloatVector.fromArray(F, c, cOff + 5 * cRow);
            c5b = FloatVector.fromArray(F, c, cOff + 5 * cRow + lanes);
            c6a = FloatVector.fromArray(F, c, cOff + 6 * cRow);
            c6b = FloatVector.fromArray(F, c, cOff + 6 * cRow + lanes);
            c7a = FloatVector.fromArray(F, c, cOff + 7 * cRow);
            c7b = FloatVector.fromArray(F, c, cOff + 7 * cRow + lanes);
            c8a = FloatVector.fromArray(F, c, cOff + 8 * cRow);
            c8b = FloatVector.fromArray(F, c, cOff + 8 * cRow + lanes);
            c9a = FloatVector.fromArray(F, c, cOff + 9 * cRow);
            c9b = FloatVector.fromArray(F, c, cOff + 9 * cRow + lanes);
            c10a = FloatVector.fromArray(F, c, cOff + 10 * cRow);
            c10b = FloatVector.fromArray(F, c, cOff + 10 * cRow + lanes);
            c11a = FloatVector.fromArray(F, c, cOff + 11 * cRow);
            c11b = FloatVector.fromArray(F, c, cOff + 11 * cRow + lanes);
        } else {
            FloatVector zero = FloatVector.zero(F);
            c0a = c0b = zero; c1a = c1b = zero; c2a = c2b = zero;
            c3a = c3b = zero; c4a = c4b = zero; c5a = c5b = zero;
            c6a = c6b = zero; c7a = c7b = zero; c8a = c8b = zero;
            c9a = c9b = zero; c10a = c10b = zero; c11a = c11b = zero;
        }
        for (int k = 0; k < kc; k++) {
            int ak = aOff + k * Gemm.MR, bk = bOff + k * Panels.WIDTH;
            FloatVector b0 = FloatVector.fromArray(F, b, bk);
            FloatVector b1 = FloatVector.fromArray(F, b, bk + lanes);
            FloatVector x0 = FloatVector.broadcast(F, a[ak + 0]);
            c0a = b0.fma(x0, c0a); c0b = b1.fma(x0, c0b);
            FloatVector x1 = FloatVector.broadcast(F, a[ak + 1]);
            c1a = b0.fma(x1, c1a); c1b = b1.fma(x1, c1b);
            FloatVector x2 = FloatVector.broadcast(F, a[ak + 2]);
            c2a = b0.fma(x2, c2a); c2b = b1.fma(x2, c2b);
            FloatVector x3 = FloatVector.broadcast(F, a[ak + 3]);
            c3a = b0.fma(x3, c3a); c3b = b1.fma(x3, c3b);
            FloatVector x4 = FloatVector.broadcast(F, a[ak + 4]);
            c4a = b0.fma(x4, c4a); c4b = b1.fma(x4, c4b);
            FloatVector x5 = FloatVector.broadcast(F, a[ak + 5]);
            c5a = b0.fma(x5, c5a); c5b = b1.fma(x5, c5b);
            FloatVector x6 = FloatVector.broadcast(F, a[ak + 6]);
            c6a = b0.fma(x6, c6a); c6b = b1.fma(x6, c6b);
            FloatVector x7 = FloatVector.broadcast(F, a[ak + 7]);
            c7a = b0.fma(x7, c7a); c7b = b1.fma(x7, c7b);
            FloatVector x8 = FloatVector.broadcast(F, a[ak + 8]);
            c8a = b0.fma(x8, c8a); c8b = b1.fma(x8, c8b);
            FloatVector x9 = FloatVector.broadcast(F, a[ak + 9]);
            c9a = b0.fma(x9, c9a); c9b = b1.fma(x9, c9b);
            FloatVector x10 = FloatVector.broadcast(F, a[ak + 10]);
            c10a = b0.fma(x10, c10a); c10b = b1.fma(x10, c10b);
            FloatVector x11 = FloatVector.broadcast(F, a[ak + 11]);
            c11a = b0.fma(x11, c11a); c11b = b1.fma(x11, c11b);
        }
        c0a.intoArray(c, cOff); c0b.intoArray(c, cOff + lanes);
        c1a.intoArray(c, cOff + 1 * cRow); c1b.intoArray(c, cOff + 1 * cRow + lanes);
        c2a.intoArray(c, cOff + 2 * cRow); c2b.intoArray(c, cOff + 2 * cRow + lanes);
        c3a.intoArray(c, cOff + 3 * cRow); c3b.intoArray(c, cOff + 3 * cRow + lanes);
        c4a.intoArray(c, cOff + 4 * cRow); c4b.intoArray(c, cOff + 4 * cRow + lanes);
        c5a.intoArray(c, cOff + 5 * cRow); c5b.intoArray(c, cOff + 5 * cRow + lanes);
        c6a.intoArray(c, cOff + 6 * cRow); c6b.intoArray(c, cOff + 6 * cRow + lanes);
        c7a.intoArray(c, cOff + 7 * cRow); c7b.intoArray(c, cOff + 7 * cRow + lanes);
        c8a.intoArray(c, cOff + 8 * cRow); c8b.intoArray(c, cOff + 8 * cRow + lanes);
        c9a.intoArray(c, cOff + 9 * cRow); c9b.intoArray(c, cOff + 9 * cRow + lanes);
        c10a.intoArray(c, cOff + 10 * cRow); c10b.intoArray(c, cOff + 10 * cRow + lanes);
        c11a.intoArray(c, cOff + 11 * cRow); c11b.intoArray(c, cOff + 11 * cRow + lanes);
    }

    /**
     * {@link #tile} for a tile of 8 rows (the last tiles of some row counts, {@link RowTiles}): the same chain per
     * output, fewer rows. A method of its own, not a parameter of {@link #tile}: a register-blocked kernel's rows
     * are its local variables, so each row count is its own code.
     */
    private static void eightRowTile(float[] a, int aOff, float[] b, int bOff, int kc, float[] c, int cOff,
            int cRow, boolean accumulate) {
        int lanes = F.length();
        FloatVector c0a, c0b, c1a, c1b, c2a, c2b, c3a, c3b, c4a, c4b, c5a, c5b, c6a, c6b, c7a, c7b;
        if (accumulate) {
            c0a = FloatVector.fromArray(F, c, cOff);
            c0b = FloatVector.fromArray(F, c, cOff + lanes);
            c1a = FloatVector.fromArray(F, c, cOff + 1 * cRow);
            c1b = FloatVector.fromArray(F, c, cOff + 1 * cRow + lanes);
            c2a = FloatVector.fromArray(F, c, cOff + 2 * cRow);
            c2b = FloatVector.fromArray(F, c, cOff + 2 * cRow + lanes);
            c3a = FloatVector.fromArray(F, c, cOff + 3 * cRow);
            c3b = FloatVector.fromArray(F, c, cOff + 3 * cRow + lanes);
            c4a = FloatVector.fromArray(F, c, cOff + 4 * cRow);
            c4b = FloatVector.fromArray(F, c, cOff + 4 * cRow + lanes);
            c5a = FloatVector.fromArray(F, c, cOff + 5 * cRow);
            c5b = FloatVector.fromArray(F, c, cOff + 5 * cRow + lanes);
            c6a = FloatVector.fromArray(F, c, cOff + 6 * cRow);
            c6b = FloatVector.fromArray(F, c, cOff + 6 * cRow + lanes);
            c7a = FloatVector.fromArray(F, c, cOff + 7 * cRow);
            c7b = FloatVector.fromArray(F, c, cOff + 7 * cRow + lanes);
        } else {
            FloatVector zero = FloatVector.zero(F);
            c0a = c0b = zero; c1a = c1b = zero; c2a = c2b = zero;
            c3a = c3b = zero; c4a = c4b = zero; c5a = c5b = zero;
            c6a = c6b = zero; c7a = c7b = zero;
        }
        for (int k = 0; k < kc; k++) {
            int ak = aOff + k * 8, bk = bOff + k * Panels.WIDTH;
            FloatVector b0 = FloatVector.fromArray(F, b, bk);
            FloatVector b1 = FloatVector.fromArray(F, b, bk + lanes);
            FloatVector x0 = FloatVector.broadcast(F, a[ak + 0]);
            c0a = b0.fma(x0, c0a); c0b = b1.fma(x0, c0b);
            FloatVector x1 = FloatVector.broadcast(F, a[ak + 1]);
            c1a = b0.fma(x1, c1a); c1b = b1.fma(x1, c1b);
            FloatVector x2 = FloatVector.broadcast(F, a[ak + 2]);
            c2a = b0.fma(x2, c2a); c2b = b1.fma(x2, c2b);
            FloatVector x3 = FloatVector.broadcast(F, a[ak + 3]);
            c3a = b0.fma(x3, c3a); c3b = b1.fma(x3, c3b);
            FloatVector x4 = FloatVector.broadcast(F, a[ak + 4]);
            c4a = b0.fma(x4, c4a); c4b = b1.fma(x4, c4b);
            FloatVector x5 = FloatVector.broadcast(F, a[ak + 5]);
            c5a = b0.fma(x5, c5a); c5b = b1.fma(x5, c5b);
            FloatVector x6 = FloatVector.broadcast(F, a[ak + 6]);
            c6a = b0.fma(x6, c6a); c6b = b1.fma(x6, c6b);
            FloatVector x7 = FloatVector.broadcast(F, a[ak + 7]);
            c7a = b0.fma(x7, c7a); c7b = b1.fma(x7, c7b);
        }
        c0a.intoArray(c, cOff); c0b.intoArray(c, cOff + lanes);
        c1a.intoArray(c, cOff + 1 * cRow); c1b.intoArray(c, cOff + 1 * cRow + lanes);
        c2a.intoArray(c, cOff + 2 * cRow); c2b.intoArray(c, cOff + 2 * cRow + lanes);
        c3a.intoArray(c, cOff + 3 * cRow); c3b.intoArray(c, cOff + 3 * cRow + lanes);
        c4a.intoArray(c, cOff + 4 * cRow); c4b.intoArray(c, cOff + 4 * cRow + lanes);
        c5a.intoArray(c, cOff + 5 * cRow); c5b.intoArray(c, cOff + 5 * cRow + lanes);
        c6a.intoArray(c, cOff + 6 * cRow); c6b.intoArray(c, cOff + 6 * cRow + lanes);
        c7a.intoArray(c, cOff + 7 * cRow); c7b.intoArray(c, cOff + 7 * cRow + lanes);
    }

    /** {@link #tile} for a tile of 6 rows (a last tile of at most 6 rows, {@link RowTiles}). */
    private static void sixRowTile(float[] a, int aOff, float[] b, int bOff, int kc, float[] c, int cOff,
            int cRow, boolean accumulate) {
        int lanes = F.length();
        FloatVector c0a, c0b, c1a, c1b, c2a, c2b, c3a, c3b, c4a, c4b, c5a, c5b;
        if (accumulate) {
            c0a = FloatVector.fromArray(F, c, cOff);
            c0b = FloatVector.fromArray(F, c, cOff + lanes);
            c1a = FloatVector.fromArray(F, c, cOff + 1 * cRow);
            c1b = FloatVector.fromArray(F, c, cOff + 1 * cRow + lanes);
            c2a = FloatVector.fromArray(F, c, cOff + 2 * cRow);
            c2b = FloatVector.fromArray(F, c, cOff + 2 * cRow + lanes);
            c3a = FloatVector.fromArray(F, c, cOff + 3 * cRow);
            c3b = FloatVector.fromArray(F, c, cOff + 3 * cRow + lanes);
            c4a = FloatVector.fromArray(F, c, cOff + 4 * cRow);
            c4b = FloatVector.fromArray(F, c, cOff + 4 * cRow + lanes);
            c5a = FloatVector.fromArray(F, c, cOff + 5 * cRow);
            c5b = FloatVector.fromArray(F, c, cOff + 5 * cRow + lanes);
        } else {
            FloatVector zero = FloatVector.zero(F);
            c0a = c0b = zero; c1a = c1b = zero; c2a = c2b = zero;
            c3a = c3b = zero; c4a = c4b = zero; c5a = c5b = zero;
        }
        for (int k = 0; k < kc; k++) {
            int ak = aOff + k * 6, bk = bOff + k * Panels.WIDTH;
            FloatVector b0 = FloatVector.fromArray(F, b, bk);
            FloatVector b1 = FloatVector.fromArray(F, b, bk + lanes);
            FloatVector x0 = FloatVector.broadcast(F, a[ak + 0]);
            c0a = b0.fma(x0, c0a); c0b = b1.fma(x0, c0b);
            FloatVector x1 = FloatVector.broadcast(F, a[ak + 1]);
            c1a = b0.fma(x1, c1a); c1b = b1.fma(x1, c1b);
            FloatVector x2 = FloatVector.broadcast(F, a[ak + 2]);
            c2a = b0.fma(x2, c2a); c2b = b1.fma(x2, c2b);
            FloatVector x3 = FloatVector.broadcast(F, a[ak + 3]);
            c3a = b0.fma(x3, c3a); c3b = b1.fma(x3, c3b);
            FloatVector x4 = FloatVector.broadcast(F, a[ak + 4]);
            c4a = b0.fma(x4, c4a); c4b = b1.fma(x4, c4b);
            FloatVector x5 = FloatVector.broadcast(F, a[ak + 5]);
            c5a = b0.fma(x5, c5a); c5b = b1.fma(x5, c5b);
        }
        c0a.intoArray(c, cOff); c0b.intoArray(c, cOff + lanes);
        c1a.intoArray(c, cOff + 1 * cRow); c1b.intoArray(c, cOff + 1 * cRow + lanes);
        c2a.intoArray(c, cOff + 2 * cRow); c2b.intoArray(c, cOff + 2 * cRow + lanes);
        c3a.intoArray(c, cOff + 3 * cRow); c3b.intoArray(c, cOff + 3 * cRow + lanes);
        c4a.intoArray(c, cOff + 4 * cRow); c4b.intoArray(c, cOff + 4 * cRow + lanes);
        c5a.intoArray(c, cOff + 5 * cRow); c5b.intoArray(c, cOff + 5 * cRow + lanes);
    }
}
