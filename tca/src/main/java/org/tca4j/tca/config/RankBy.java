package org.tca4j.tca.config;

/** How TCA ranks the patch tokens of a condensation block. */
public enum RankBy {
    /** The head mean of the {@code <cls>} query's attention to each patch: what the reference computes. */
    MEAN_ATTENTION,
    /**
     * The paper's cross-head rank consensus (not used by the reference code): each patch's ascending-sort position
     * in every head, averaged over the heads and divided by N−1; higher ranks are kept.
     */
    AVERAGE_HEAD_RANK
}
