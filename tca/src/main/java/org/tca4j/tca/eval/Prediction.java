package org.tca4j.tca.eval;

/**
 * What a method says about one image and what it cost.
 *
 * @param label the predicted class id
 * @param gflops the forward pass's cost in GFLOPs, counted as fvcore counts (one multiply-add = one FLOP)
 * @param tokensPerBlock the number of tokens entering each transformer block (the token schedule)
 */
public record Prediction(int label, double gflops, int[] tokensPerBlock) {
    public Prediction {
        tokensPerBlock = tokensPerBlock.clone();
        if (!(gflops >= 0)) {
            throw new IllegalArgumentException("gflops must be non-negative, got " + gflops);
        }
    }
}
