package org.tca4j.core.testing;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded corruptions of a file's bytes for robustness tests: byte flips, truncations, insertions, deletions and
 * huge length fields. Three cases in four hit the "hot" regions (where a format keeps its headers and directories),
 * the rest land anywhere.
 */
public final class Mutations {
    private Mutations() {}

    /** One corrupted copy: its number, what was done (for the failure message), and the bytes. */
    public record Case(int index, String description, byte[] bytes) {}

    private static final long[] HUGE = {0xFFFFFFFFL, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFFFFFFFFFL, Long.MAX_VALUE,
        1L << 40, 1L << 31, 0xFFFFL};

    /**
     * Case {@code index} of the sequence seeded by {@code seed}.
     *
     * @param hotRegions pairs {@code from, to} of byte ranges to aim most corruptions at
     */
    public static Case mutate(byte[] original, long seed, int index, int... hotRegions) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        int at = hotPosition(original.length, random, hotRegions);
        byte[] b;
        String what;
        switch (random.nextInt(6)) {
            case 0, 1 -> {
                b = original.clone();
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips && b.length > 0; i++) {
                    int p = (i == 0 ? at : hotPosition(b.length, random, hotRegions)) % b.length;
                    b[p] ^= (byte) (1 + random.nextInt(255));
                }
                what = flips + " byte flip(s) from " + at;
            }
            case 2 -> {
                int length = random.nextInt(Math.max(1, original.length));
                b = Arrays.copyOf(original, length);
                what = "truncated to " + length + " bytes";
            }
            case 3 -> {
                int n = 1 + random.nextInt(16);
                b = new byte[original.length + n];
                System.arraycopy(original, 0, b, 0, at);
                for (int i = 0; i < n; i++) {
                    b[at + i] = (byte) random.nextInt(256);
                }
                System.arraycopy(original, at, b, at + n, original.length - at);
                what = n + " random bytes inserted at " + at;
            }
            case 4 -> {
                int n = Math.min(1 + random.nextInt(16), original.length - at);
                b = new byte[original.length - n];
                System.arraycopy(original, 0, b, 0, at);
                System.arraycopy(original, at + n, b, at, original.length - at - n);
                what = n + " bytes deleted at " + at;
            }
            default -> {
                b = original.clone();
                long value = HUGE[random.nextInt(HUGE.length)];
                int width = value > 0xFFFFFFFFL || value < 0 ? 8 : 4;
                int p = random.nextBoolean() ? at & ~3 : at;
                for (int i = 0; i < width && p + i < b.length; i++) {
                    b[p + i] = (byte) (value >>> (8 * i));
                }
                what = "huge value 0x" + Long.toHexString(value) + " written at " + p;
            }
        }
        return new Case(index, what, b);
    }

    private static int hotPosition(int length, SplittableRandom random, int[] hotRegions) {
        if (length == 0) {
            return 0;
        }
        if (hotRegions.length < 2 || random.nextInt(4) == 0) {
            return random.nextInt(length);
        }
        int region = 2 * random.nextInt(hotRegions.length / 2);
        int from = Math.clamp(hotRegions[region], 0, length - 1);
        int to = Math.clamp(hotRegions[region + 1], from + 1, length);
        return from + random.nextInt(to - from);
    }
}
