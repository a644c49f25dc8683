package org.tca4j.core.kernels;

import java.util.Arrays;

/**
 * A sparse {@code [outRows, inRows]} matrix C stored row by row (CSR): output row i is
 * {@code Σ_{j ∈ [rowStart[i], rowStart[i+1])} weight[j] · in[src[j]]}. This is how token pruning (one source of
 * weight 1) and merging (several weighted sources) are written; {@link Gather#weightedRows} applies it.
 */
public record SparseRows(int inRows, int[] rowStart, int[] src, float[] weight) {
    public SparseRows {
        if (rowStart.length < 1 || rowStart[0] != 0 || rowStart[rowStart.length - 1] != src.length
                || src.length != weight.length) {
            throw new IllegalArgumentException("malformed sparse rows");
        }
        for (int i = 1; i < rowStart.length; i++) {
            if (rowStart[i] < rowStart[i - 1]) {
                throw new IllegalArgumentException("row starts must not decrease, at row " + i);
            }
        }
        for (int j = 0; j < src.length; j++) {
            if (src[j] < 0 || src[j] >= inRows) {
                throw new IllegalArgumentException("source row " + src[j] + " outside [0, " + inRows + ")");
            }
            if (!Float.isFinite(weight[j])) {
                throw new IllegalArgumentException("weight " + weight[j] + " at entry " + j);
            }
        }
    }

    /** The identity on {@code n} rows. */
    public static SparseRows identity(int n) {
        int[] starts = new int[n + 1];
        int[] src = new int[n];
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            starts[i + 1] = i + 1;
            src[i] = i;
            w[i] = 1f;
        }
        return new SparseRows(n, starts, src, w);
    }

    public int outRows() {
        return rowStart.length - 1;
    }

    /** Total number of (row, source) entries. */
    public int entries() {
        return src.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseRows s && s.inRows == inRows && Arrays.equals(s.rowStart, rowStart)
                && Arrays.equals(s.src, src) && Arrays.equals(s.weight, weight);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(rowStart) + Arrays.hashCode(src)) + Arrays.hashCode(weight);
    }

    @Override
    public String toString() {
        return "SparseRows[" + outRows() + " ← " + inRows + ", " + entries() + " entries]";
    }
}
