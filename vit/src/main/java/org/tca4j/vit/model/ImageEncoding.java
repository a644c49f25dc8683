package org.tca4j.vit.model;

/**
 * The result of one image pass.
 *
 * @param features the image embedding {@code [E]}, before normalization
 * @param tokensPerBlock the number of token rows leaving each block (197 everywhere without condensation)
 */
public record ImageEncoding(float[] features, int[] tokensPerBlock) {
    /** Token rows summed over the blocks: the work the blocks did, in rows. */
    public long tokenBlocks() {
        long sum = 0;
        for (int n : tokensPerBlock) {
            sum += n;
        }
        return sum;
    }
}
