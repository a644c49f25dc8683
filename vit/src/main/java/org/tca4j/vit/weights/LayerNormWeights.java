package org.tca4j.vit.weights;

import org.tca4j.core.tensor.FloatMatrix;

/**
 * The affine parameters of one {@code nn.LayerNorm}.
 *
 * @param weight gamma {@code [1, D]}
 * @param bias beta {@code [1, D]}
 */
public record LayerNormWeights(FloatMatrix weight, FloatMatrix bias) {}
