package org.tca4j.tca.condense;

/**
 * How many patches each TCA tier takes at a block with {@code rowsIn} rows ({@code <cls>} included).
 *
 * <p>Reference: Jo-wang/TCA 0f846d6, {@code clip/model.py}, {@code ResidualAttentionBlock_Ours.forward}:
 * {@code left = ceil((1 − r)(N − 1))} in double precision and {@code m = N − left} (N, not N − 1). The top
 * {@code left − 2m} patches are kept, the next {@code 2m} merged into the coreset centres, the last
 * {@code N − 1 − left} fused into one token.
 *
 * <p>Deviations from the reference: the formula is the same (double {@code ceil}, then integers). The reference
 * computes the tiers only when {@code drop_rate > 0} (0 takes its uncondensed branch, a negative rate raises
 * {@code NotImplementedError}); {@link #of} computes them for any rate, and callers ask only when
 * {@link org.tca4j.tca.config.TcaConfig#condensesAt} is true. A rate too high for the tiers is an
 * {@link IllegalArgumentException} naming it, where the reference stops at {@code assert left_tokens >= 1} or
 * at {@code torch.topk} with a negative k; a negative rate fails the record's own check (a negative tier).
 *
 * @param rowsIn N, rows entering the block
 * @param keep patches kept unchanged
 * @param cluster patches merged into the centres
 * @param fuse patches fused into one token
 */
public record TierSizes(int rowsIn, int keep, int cluster, int fuse) {
    public TierSizes {
        if (keep < 0 || cluster < 0 || fuse < 0 || keep + cluster + fuse != rowsIn - 1) {
            throw new IllegalArgumentException("tiers keep " + keep + ", cluster " + cluster + ", fuse " + fuse
                    + " do not split the " + (rowsIn - 1) + " patches of a block with " + rowsIn + " rows");
        }
    }

    /**
     * The tiers of the reference formula.
     *
     * @throws IllegalArgumentException when the rate is so high that the kept tier would be negative
     */
    public static TierSizes of(int rowsIn, double rate) {
        int left = (int) Math.ceil((1 - rate) * (rowsIn - 1));
        int m = rowsIn - left;
        if (left - 2 * m < 0) {
            throw new IllegalArgumentException("rate " + rate + " leaves " + left + " of " + (rowsIn - 1)
                    + " patches, fewer than the 2m = " + 2 * m + " the merge band needs");
        }
        return new TierSizes(rowsIn, left - 2 * m, 2 * m, rowsIn - 1 - left);
    }

    /** Patches above the fuse tier: {@code left} of the reference. */
    public int left() {
        return keep + cluster;
    }

    /** Rows leaving the block: {@code <cls>}, the kept patches, {@code centres} merged tokens, one fused token. */
    public int rowsOut(int centres) {
        return 1 + keep + centres + 1;
    }
}
