package org.tca4j.core.kernels;

import org.tca4j.core.tensor.FloatMatrix;

/** Row gathers: the way condensation (pruning and merging tokens) is applied inside a pass. */
public final class Gather {
    private Gather() {}

    /** {@code out[i] = x[idx[i]]}. */
    public static void rows(FloatMatrix x, int[] idx, FloatMatrix out) {
        for (int i = 0; i < idx.length; i++) {
            out.rowView(i).copyFrom(x.rowView(idx[i]));
        }
    }

    /**
     * {@code out = C·x}: each output row the weighted sum of its source rows, accumulated in the plan's order.
     * {@code out} must not share storage with {@code x}.
     */
    public static void weightedRows(FloatMatrix x, SparseRows plan, FloatMatrix out) {
        if (plan.inRows() != x.rows() || out.rows() != plan.outRows() || out.cols() != x.cols()) {
            throw new IllegalArgumentException(plan + " cannot map " + x + " into " + out);
        }
        int d = x.cols();
        for (int i = 0; i < plan.outRows(); i++) {
            for (int c = 0; c < d; c++) {
                float acc = 0f;
                for (int j = plan.rowStart()[i]; j < plan.rowStart()[i + 1]; j++) {
                    acc += plan.weight()[j] * x.get(plan.src()[j], c);
                }
                out.set(i, c, acc);
            }
        }
    }
}
