package org.tca4j.tca.config;

/** Where the greedy k-center selection of the coreset merge starts. */
public enum KCenterStart {
    /** The merge band's first token, its highest-ranked one: deterministic (the traces' choice). */
    FIRST,
    /** A uniformly random band token from the configured seed, as the reference's {@code torch.randint}. */
    RANDOM
}
