package org.tca4j.tca.condense;

import org.tca4j.core.kernels.SparseRows;

/**
 * What one block's condensation did, for every condenser alike: the plan applied to the rows, and the kind and
 * group of each output row (the coreset slot of a TCA merged row, the B index of a ToMe destination; −1 when
 * the kind has no group). {@code explain} draws from this.
 *
 * @param layer the 0-based block
 * @param plan the plan {@code [rowsOut, rowsIn]} that was applied
 * @param kinds the kind of every output row
 * @param groups the group of every output row, or −1
 */
public record CondensedBlock(int layer, SparseRows plan, RowKind[] kinds, int[] groups) {
    public CondensedBlock {
        if (kinds.length != plan.outRows() || groups.length != plan.outRows()) {
            throw new IllegalArgumentException("kinds and groups need one entry per output row of " + plan);
        }
    }
}
