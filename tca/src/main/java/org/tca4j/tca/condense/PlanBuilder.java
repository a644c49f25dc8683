package org.tca4j.tca.condense;

import java.util.Arrays;
import org.tca4j.core.kernels.SparseRows;

/** Builds a {@link SparseRows} plan row by row: each output row a weighted sum of input rows. */
public final class PlanBuilder {
    private final int inRows;
    private int[] rowStart = new int[16];
    private int[] src = new int[256];
    private float[] weight = new float[256];
    private int rows;
    private int entries;

    public PlanBuilder(int inRows) {
        this.inRows = inRows;
    }

    /** Adds an output row that copies input row {@code row}. */
    public PlanBuilder keep(int row) {
        return add(row, 1f).endRow();
    }

    /** Adds an output row {@code Σ weights[i] · in[rows[i]]}; with no rows it is the zero row. */
    public PlanBuilder row(int[] rowsIn, float[] weights) {
        if (rowsIn.length != weights.length) {
            throw new IllegalArgumentException(rowsIn.length + " rows but " + weights.length + " weights");
        }
        for (int i = 0; i < rowsIn.length; i++) {
            add(rowsIn[i], weights[i]);
        }
        return endRow();
    }

    /** Output rows so far. */
    public int rows() {
        return rows;
    }

    public SparseRows build() {
        return new SparseRows(inRows, Arrays.copyOf(rowStart, rows + 1), Arrays.copyOf(src, entries),
                Arrays.copyOf(weight, entries));
    }

    private PlanBuilder add(int row, float w) {
        if (entries == src.length) {
            src = Arrays.copyOf(src, 2 * entries);
            weight = Arrays.copyOf(weight, 2 * entries);
        }
        src[entries] = row;
        weight[entries++] = w;
        return this;
    }

    private PlanBuilder endRow() {
        if (rows + 2 > rowStart.length) {
            rowStart = Arrays.copyOf(rowStart, 2 * rowStart.length);
        }
        rowStart[++rows] = entries;
        return this;
    }
}
