package org.tca4j.core.simd;

/**
 * Placeholder partitioning helper; the pool is built by the core issue. Splits {@code [0, n)} into
 * {@code parts} contiguous ranges that depend only on n and parts.
 */
public final class Parallel {
    private Parallel() {}

    /** Start of part {@code i} of {@code parts} over {@code [0, n)}. */
    public static int start(int n, int parts, int i) {
        return (int) ((long) n * i / parts);
    }
}
