package org.tca4j.core.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.tca4j.core.flops.FlopCounter;
import org.tca4j.core.simd.Simd;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * Row gathers: the way condensation (pruning and merging tokens) is applied inside a pass.
 *
 * <p>{@link #rows} copies rows (a memory copy, the same at every width). {@link #weightedRows} applies a
 * {@link SparseRows} plan: scalar definition {@code acc += w·x} per column in the plan's order, from 0; the vector
 * version does the same float multiply and add per lane (no fused rounding), so the tests demand identical bits.
 * Gathers are element-wise work for the FLOP counter (fvcore does not count them): two FLOPs per plan entry and
 * column.
 */
public final class Gather {
    private static final VectorSpecies<Float> F = Simd.F;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private Gather() {}

    /** {@code out[i] = x[idx[i]]}; out {@code [idx.length, cols]} must not share storage with x. */
    public static void rows(FloatMatrix x, int[] idx, FloatMatrix out) {
        if (out.rows() != idx.length || out.cols() != x.cols()) {
            throw new IllegalArgumentException("gather of " + idx.length + " rows of " + x + " into " + out);
        }
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= x.rows()) {
                throw new IllegalArgumentException("row index " + idx[i] + " at " + i + " outside [0, " + x.rows() + ")");
            }
        }
        long rowBytes = 4L * x.cols();
        for (int i = 0; i < idx.length; i++) {
            MemorySegment.copy(x.segment(), idx[i] * rowBytes, out.segment(), i * rowBytes, rowBytes);
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
        FlopCounter.addElementwise(2L * plan.entries() * x.cols());
        if (Simd.ENABLED) {
            vectorWeightedRows(x, plan, out);
        } else {
            scalarWeightedRows(x, plan, out);
        }
    }

    static void scalarWeightedRows(FloatMatrix x, SparseRows plan, FloatMatrix out) {
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

    static void vectorWeightedRows(FloatMatrix x, SparseRows plan, FloatMatrix out) {
        int d = x.cols(), lanes = F.length(), bound = d - d % lanes;
        MemorySegment xs = x.segment(), os = out.segment();
        int[] start = plan.rowStart(), src = plan.src();
        float[] weight = plan.weight();
        for (int i = 0; i < plan.outRows(); i++) {
            for (int c = 0; c < bound; c += lanes) {
                FloatVector acc = FloatVector.zero(F);
                for (int j = start[i]; j < start[i + 1]; j++) {
                    acc = acc.add(FloatVector.fromMemorySegment(F, xs, x.offset(src[j], c), LE).mul(weight[j]));
                }
                acc.intoMemorySegment(os, out.offset(i, c), LE);
            }
            for (int c = bound; c < d; c++) {
                float acc = 0f;
                for (int j = start[i]; j < start[i + 1]; j++) {
                    acc += weight[j] * x.get(src[j], c);
                }
                out.set(i, c, acc);
            }
        }
    }
}
