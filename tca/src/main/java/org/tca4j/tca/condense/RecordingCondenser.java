package org.tca4j.tca.condense;

import java.util.ArrayList;
import java.util.List;
import org.tca4j.core.kernels.SparseRows;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.vit.condense.TokenCondenser;

/**
 * The part every condenser of this module shares: it remembers, for one pass, the {@code <cls>} token leaving
 * each block (the reservoir's and the correction's input), the number of rows leaving each block, and what each
 * condensation did. On its own ({@link #full()}) it condenses nothing, so a pass with it is the plain pass.
 *
 * <p>One instance serves one forward pass.
 */
public class RecordingCondenser implements TokenCondenser {
    private final List<float[]> clsTokens = new ArrayList<>();
    private final List<Integer> tokensOut = new ArrayList<>();
    private final List<CondensedBlock> condensed = new ArrayList<>();

    protected RecordingCondenser() {}

    /** A recorder that leaves every block unchanged. */
    public static RecordingCondenser full() {
        return new RecordingCondenser();
    }

    @Override
    public SparseRows plan(int layer, FloatMatrix x, FloatMatrix clsAttention) {
        return null;
    }

    @Override
    public void afterBlock(int layer, FloatMatrix x) {
        if (layer != clsTokens.size()) {
            throw new IllegalStateException("block " + layer + " reported after " + clsTokens.size() + " blocks; "
                    + "a condenser serves one pass, blocks in order");
        }
        clsTokens.add(x.rowArray(0));
        tokensOut.add(x.rows());
    }

    /** Records a block's condensation; subclasses call it from {@link #plan}. */
    protected final SparseRows record(CondensedBlock block) {
        condensed.add(block);
        return block.plan();
    }

    /** The {@code <cls>} token leaving every block so far, {@code [L, W]}. */
    public FloatMatrix clsTokens() {
        if (clsTokens.isEmpty()) {
            throw new IllegalStateException("no block has run yet");
        }
        FloatMatrix m = FloatMatrix.allocate(clsTokens.size(), clsTokens.getFirst().length);
        for (int l = 0; l < clsTokens.size(); l++) {
            m.rowView(l).copyFrom(FloatMatrix.row(clsTokens.get(l)));
        }
        return m;
    }

    /** Rows leaving every block so far. */
    public int[] tokensPerBlock() {
        return tokensOut.stream().mapToInt(Integer::intValue).toArray();
    }

    /** What every condensation of the pass did, in block order. */
    public List<CondensedBlock> condensedBlocks() {
        return List.copyOf(condensed);
    }
}
