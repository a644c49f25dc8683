package org.tca4j.vit.text;

import java.util.Arrays;

/**
 * Open-addressing map from a symbol pair {@code (left, right)} to the pair's merge rank, so the BPE inner loop
 * looks ranks up without boxing. Keys pack the two non-negative ids into one {@code long}.
 */
final class PairTable {
    private static final long EMPTY = -1L;
    private final long[] keys;
    private final int[] values;
    private final int mask;
    private int size;

    PairTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        mask = capacity - 1;
        Arrays.fill(keys, EMPTY);
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & mask;
    }

    /** Sets the value of a pair, replacing an earlier one (the reference's dict keeps the last rank). */
    void put(int left, int right, int value) {
        long k = key(left, right);
        int i = slot(k);
        while (keys[i] != EMPTY && keys[i] != k) {
            i = (i + 1) & mask;
        }
        if (keys[i] == EMPTY) {
            if (++size * 2 > keys.length) {
                throw new IllegalStateException("pair table over capacity");
            }
            keys[i] = k;
        }
        values[i] = value;
    }

    /** The value of a pair, or -1 when the pair has none. */
    int get(int left, int right) {
        long k = key(left, right);
        int i = slot(k);
        while (keys[i] != EMPTY) {
            if (keys[i] == k) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return -1;
    }
}
