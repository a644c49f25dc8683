package org.tca4j.tca.condense;

/**
 * Everything one TCA condensation block decided, with the trace's index conventions: a patch index p is row
 * {@code p + 1} of the block's input ({@code <cls>} excluded).
 *
 * @param block the plan and the kind of every output row
 * @param scores {@code [N−1]} the ranking score of every patch (head-mean {@code <cls>} attention)
 * @param keep the kept patches, by descending score
 * @param cluster the merge band, by descending score ({@code cluster[0]} is the default k-center start)
 * @param fuse the fused patches, ascending by p
 * @param coreset the band's centres (positions in {@code cluster}), assignment and weights
 * @param anchorClass the class whose mean served as this block's anchor, or −1
 * @param anchorCos the cosine of every class mean with the entering {@code <cls>} (NaN for none), or null
 * @param merged {@code [k, W]} the merged tokens, slot order (what the plan's merged rows produce)
 * @param fused {@code [W]} the fused token
 */
public record TcaDecision(CondensedBlock block, float[] scores, int[] keep, int[] cluster, int[] fuse,
                          CoresetAveraging.Coreset coreset, int anchorClass, float[] anchorCos, float[][] merged,
                          float[] fused) {
    public int layer() {
        return block.layer();
    }
}
