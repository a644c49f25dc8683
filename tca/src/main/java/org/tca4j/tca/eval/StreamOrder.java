package org.tca4j.tca.eval;

import java.util.SplittableRandom;

/**
 * The order in which a run visits a dataset: a Fisher-Yates shuffle of {@code 0..size-1} driven by
 * {@code SplittableRandom(seed)}, truncated to the limit. The reference shuffles its test stream too (section 14 of
 * the TCA notes); the same seed gives the same stream on every machine and every JDK.
 */
public final class StreamOrder {
    private StreamOrder() {}

    /** The first {@code limit} indices of the shuffled order (all when {@code limit} is 0 or above size). */
    public static int[] of(int size, long seed, int limit) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int n = limit <= 0 ? size : Math.min(limit, size);
        return java.util.Arrays.copyOf(order, n);
    }
}
