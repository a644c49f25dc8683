package org.tca4j.vit.model;

import org.tca4j.core.tensor.FloatMatrix;

/**
 * Named taps inside a forward pass, for tests, debugging and visualization. Every matrix handed to a tap is a view
 * of the pass's workspace: read or copy it during the call, never keep it, never write to it.
 */
public interface ForwardTrace {
    /** Listens to nothing. */
    ForwardTrace NONE = new ForwardTrace() {};

    /**
     * The rows entering the first block {@code [n, D]}: for images after class token, positional embedding and
     * {@code ln_pre}; for texts token plus positional embedding.
     */
    default void afterEmbed(FloatMatrix x) {}

    /**
     * Block {@code layer}'s packed projections {@code [c + n, 3D]} (columns Q | K | V, the first
     * {@code contextRows} rows from the condenser's context tokens).
     */
    default void afterQkv(int layer, FloatMatrix qkv, int contextRows) {}

    /** The residual stream after block {@code layer} {@code [n, D]} (after condensation and the MLP). */
    default void afterBlock(int layer, FloatMatrix x) {}

    /** The pooled row after the final layer norm {@code [1, D]}, before the projection. */
    default void afterPool(FloatMatrix pooled) {}
}
