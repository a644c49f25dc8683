package org.tca4j.tca.adapt;

import org.tca4j.tca.condense.RecordingCondenser;
import org.tca4j.tca.reservoir.TokenReservoir;

/**
 * What classifying one image of a stream gave.
 *
 * @param index the image's position in the stream (0-based, counted since the last reset)
 * @param pred the prediction: argmax of {@code finalLogits}
 * @param uncorrectedPred argmax of {@code logits}, the reservoir's key
 * @param logits {@code [C]} the pass's {@code 100·cos} logits
 * @param finalLogits {@code [C]} the logits plus TCA's correction (equal to {@code logits} for other methods)
 * @param entropy entropy in nats of {@code softmax(logits)}
 * @param tokensPerBlock rows leaving each block
 * @param gflops the pass's work in the fvcore convention, from the core's counter
 * @param anchors the anchor class of each condensation block, −1 where none was used (empty without TCA)
 * @param nanos wall time of the whole step: pass, reservoir update and correction
 * @param condenser the pass's condenser with everything it recorded (plans, decisions, {@code <cls>} tokens)
 * @param eviction what the reservoir update evicted, or null
 */
public record StreamResult(long index, int pred, int uncorrectedPred, float[] logits, float[] finalLogits,
                           float entropy, int[] tokensPerBlock, double gflops, int[] anchors, long nanos,
                           RecordingCondenser condenser, TokenReservoir.Eviction eviction) {}
