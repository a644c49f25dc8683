/**
 * OpenCLIP's image and text towers as straight-line forward passes over the core kernels.
 *
 * <p>Entry points: {@link org.tca4j.vit.model.Clip} (both towers, normalization, logits),
 * {@link org.tca4j.vit.model.VisionTransformer#encode(org.tca4j.core.tensor.FloatMatrix,
 * org.tca4j.vit.condense.TokenCondenser, org.tca4j.vit.model.ForwardTrace)} (one image with a condenser and taps)
 * and {@link org.tca4j.vit.model.ZeroShotClassifier}.
 *
 * <p>Shape alphabet of every shape comment: {@code n} tokens now (197, fewer after condensation), {@code c} context
 * rows a condenser adds to the attention, {@code D} vision width (768), {@code H} heads (12), {@code Dh} head width
 * (64), {@code F} MLP hidden width (3072), {@code E} embedding width (512), {@code P} patch (16), {@code G} grid
 * (14), {@code S} image side (224), {@code L} text context (77), {@code Dt} text width (512), {@code V} vocabulary
 * (49408), {@code B} images in a batch, {@code T} texts.
 */
package org.tca4j.vit.model;
