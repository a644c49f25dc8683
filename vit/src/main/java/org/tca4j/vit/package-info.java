/**
 * OpenCLIP's towers for tca4j.
 *
 * <p>Shape alphabet used in every shape comment of this module: {@code n} tokens now (197, fewer after
 * condensation), {@code D} vision width (768), {@code H} heads (12), {@code Dh} head width (64), {@code F} MLP hidden
 * width (3072), {@code E} embedding width (512), {@code P} patch (16), {@code G} grid (14), {@code L} text context
 * (77), {@code Dt} text width (512), {@code V} vocabulary (49408).
 */
package org.tca4j.vit;
