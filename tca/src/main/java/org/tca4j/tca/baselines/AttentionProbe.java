package org.tca4j.tca.baselines;

import org.tca4j.core.tensor.FloatMatrix;

/** Where ToMe's attention matrix comes from when not from the pass's own projections (tests feed dumps). */
@FunctionalInterface
interface AttentionProbe {
    /** The head-mean attention probabilities {@code [n, n]} of block {@code layer}'s attention call. */
    FloatMatrix meanAttention(int layer, int n);
}
