package org.tca4j.vit.model;

import org.tca4j.core.kernels.Gather;
import org.tca4j.core.kernels.SparseRows;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * The buffers of one forward pass, allocated once per call and reused by every block (llama2.c's
 * {@code RunState}): nothing is allocated per token. The residual stream lives in one of two ping-pong buffers;
 * a condensation gathers into the other one, never in place, because a gathered row may read rows that earlier
 * output rows would already have overwritten. Buffers holding context rows grow when a condenser asks for more
 * context rows than any block before (at most once per new size).
 */
final class Workspace {
    private final int width;
    private final int heads;
    private final int maxTokens;
    private final FloatMatrix[] stream = new FloatMatrix[2]; // [maxTokens, D] each
    private final FloatMatrix attended;                      // [maxTokens, D]
    private final FloatMatrix projected;                     // [maxTokens, D]
    private final FloatMatrix hidden;                        // [maxTokens, F]
    private final FloatMatrix pooled;                        // [1, D]
    private final FloatMatrix patches;                       // [G², 3·P·P] (image tower) or null
    private FloatMatrix normalized;                          // [c + maxTokens, D]
    private FloatMatrix qkv;                                 // [c + maxTokens, 3D]
    private FloatMatrix attentionProbs;                      // [H·r·(c + n), 1] or more, seen as [H·r, c + n]
    private int contextCapacity = -1;
    private int current;
    private boolean inUse;

    /** A text-tower workspace (no patch buffer). */
    Workspace(int maxTokens, int width, int mlpWidth, int heads) {
        this(maxTokens, width, mlpWidth, heads, 0, 0);
    }

    /** A workspace with a {@code [patchRows, patchCols]} buffer for the image tower's flattened patches. */
    Workspace(int maxTokens, int width, int mlpWidth, int heads, int patchRows, int patchCols) {
        this.width = width;
        this.heads = heads;
        this.maxTokens = maxTokens;
        stream[0] = FloatMatrix.allocate(maxTokens, width);
        stream[1] = FloatMatrix.allocate(maxTokens, width);
        attended = FloatMatrix.allocate(maxTokens, width);
        projected = FloatMatrix.allocate(maxTokens, width);
        hidden = FloatMatrix.allocate(maxTokens, mlpWidth);
        pooled = FloatMatrix.allocate(1, width);
        patches = patchRows == 0 ? null : FloatMatrix.allocate(patchRows, patchCols);
        ensureContext(0);
    }

    /** Starts a pass: the residual stream's first {@code n} rows, in the first buffer. */
    FloatMatrix stream(int n) {
        current = 0;
        return stream[0].rows(0, n);
    }

    /** {@code x' = plan·x} into the spare stream buffer, which becomes the current one. */
    FloatMatrix condense(int layer, FloatMatrix x, SparseRows plan) {
        int n = plan.outRows();
        if (n < 1 || n > maxTokens) {
            throw new IllegalStateException("block " + layer + ": a condensation plan must keep between 1 and "
                    + maxTokens + " rows, got " + n);
        }
        current = 1 - current;
        FloatMatrix out = stream[current].rows(0, n);
        Gather.weightedRows(x, plan, out);
        return out;
    }

    /** Takes this workspace for one pass; false if a pass on this thread already holds it. */
    boolean claim() {
        if (inUse) {
            return false;
        }
        inUse = true;
        return true;
    }

    /** Gives this workspace back after a pass. */
    void release() {
        inUse = false;
    }

    /** Makes room for {@code c} context rows before the tokens. */
    void ensureContext(int c) {
        if (c > contextCapacity) {
            normalized = FloatMatrix.allocate(c + maxTokens, width);
            qkv = FloatMatrix.allocate(c + maxTokens, 3 * width);
            contextCapacity = c;
        }
    }

    FloatMatrix normalized(int rows) {
        return normalized.rows(0, rows);
    }

    FloatMatrix qkv(int rows) {
        return qkv.rows(0, rows);
    }

    /** Room for the attention probabilities of {@code rows} token rows over {@code keys} keys, per head. */
    FloatMatrix attentionProbs(int rows, int keys) {
        int size = Math.multiplyExact(Math.multiplyExact(heads, rows), keys);
        if (attentionProbs == null || attentionProbs.rows() < size) {
            attentionProbs = FloatMatrix.allocate(size, 1);
        }
        return attentionProbs.rows(0, size).reshape(heads * rows, keys);
    }

    FloatMatrix attended(int n) {
        return attended.rows(0, n);
    }

    FloatMatrix projected(int n) {
        return projected.rows(0, n);
    }

    FloatMatrix hidden(int n) {
        return hidden.rows(0, n);
    }

    FloatMatrix pooled() {
        return pooled;
    }

    FloatMatrix patches() {
        return patches;
    }
}
