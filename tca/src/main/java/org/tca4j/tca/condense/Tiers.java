package org.tca4j.tca.condense;

import java.util.Arrays;

/**
 * The three tiers of one TCA block, as patch indices (p = row p + 1 of the block's input).
 *
 * @param keep the kept patches, by descending rank
 * @param cluster the merge band, by descending rank
 * @param fuse the fused patches, ascending by p (the reference's order of the fused sum)
 */
public record Tiers(int[] keep, int[] cluster, int[] fuse) {
    /** Cuts {@code ranked} (patches best first) at the sizes of {@code sizes}. */
    public static Tiers split(int[] ranked, TierSizes sizes) {
        if (ranked.length != sizes.rowsIn() - 1) {
            throw new IllegalArgumentException(ranked.length + " ranked patches for a block of " + sizes.rowsIn()
                    + " rows");
        }
        int[] fuse = Arrays.copyOfRange(ranked, sizes.left(), ranked.length);
        Arrays.sort(fuse);
        return new Tiers(Arrays.copyOfRange(ranked, 0, sizes.keep()),
                Arrays.copyOfRange(ranked, sizes.keep(), sizes.left()), fuse);
    }
}
