package org.tca4j.vit.condense;

import org.tca4j.core.kernels.SparseRows;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * The hook through which a condenser (TCA, EViT, ToMe) changes the token rows inside the vision tower.
 *
 * <p>The vision tower calls it in every block: {@link #contextTokens} before the attention (extra rows the
 * attention may look at; their own outputs are dropped), {@link #plan} after the attention residual and before the
 * MLP, and {@link #afterBlock} with the block's output. A plan is a sparse matrix C with {@code x' = C·x}, applied
 * by {@link org.tca4j.core.kernels.Gather#weightedRows}; {@code null} leaves the rows as they are, and then the pass
 * is bit-identical to a pass without a condenser. Implementations hold the state of one pass; a tower never shares
 * one between threads.
 */
public interface TokenCondenser {
    /** Leaves every block as it is. */
    TokenCondenser NONE = (layer, x, clsAttention) -> null;

    /** Whether block {@code layer} should hand {@link #plan} the {@code <cls>} row's attention probabilities. */
    default boolean wantsClsAttention(int layer) {
        return false;
    }

    /**
     * Whether block {@code layer} should hand {@link #plan} every token row's attention probabilities, not only the
     * {@code <cls>} row's (ToMe matches tokens by their attention rows). Costs a copy of every head's
     * probabilities, {@code H·n·(c + n)} floats. Takes precedence over {@link #wantsClsAttention}.
     */
    default boolean wantsAllAttention(int layer) {
        return false;
    }

    /**
     * Rows {@code [c, D]} to put before the tokens as extra keys and values in block {@code layer}'s attention
     * (they pass through {@code ln_1} and the projection like the tokens), or {@code null} for none.
     *
     * @param x the block's input rows {@code [n, D]}, row 0 the {@code <cls>} token
     */
    default FloatMatrix contextTokens(int layer, FloatMatrix x) {
        return null;
    }

    /**
     * Decides how block {@code layer} condenses its rows.
     *
     * @param x the rows after the attention residual, {@code [n, D]}, row 0 the {@code <cls>} token
     * @param clsAttention when {@link #wantsClsAttention} said so, the {@code <cls>} query's probabilities
     *     {@code [H, c + n]} over the context rows and then the n token rows; when {@link #wantsAllAttention} said
     *     so, every token row's, {@code [H·n, c + n]} (row {@code h·n + i}: head h, token i); otherwise
     *     {@code null}
     * @return the plan {@code [n', n]}, or {@code null} to keep the rows unchanged
     */
    SparseRows plan(int layer, FloatMatrix x, FloatMatrix clsAttention);

    /** Sees block {@code layer}'s output {@code [n', D]} (e.g. to keep its {@code <cls>} row). */
    default void afterBlock(int layer, FloatMatrix x) {}
}
