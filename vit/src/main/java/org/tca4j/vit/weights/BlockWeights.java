package org.tca4j.vit.weights;

import org.tca4j.core.kernels.Linear;

/**
 * One OpenCLIP {@code ResidualAttentionBlock} ({@code transformer.resblocks.N}); fields are named after its keys.
 *
 * @param ln1 {@code ln_1}
 * @param inProj {@code attn.in_proj_weight} {@code [3D, D]} and {@code attn.in_proj_bias}; output columns Q | K | V
 * @param outProj {@code attn.out_proj} {@code [D, D]}
 * @param ln2 {@code ln_2}
 * @param cFc {@code mlp.c_fc} {@code [F, D]}
 * @param cProj {@code mlp.c_proj} {@code [D, F]}
 */
public record BlockWeights(LayerNormWeights ln1, Linear inProj, Linear outProj, LayerNormWeights ln2, Linear cFc,
                           Linear cProj) {}
