/**
 * Image input for the vision tower: decoding to the pixel modes Pillow would produce, and open_clip's eval
 * transform (resize, centre crop, RGB, normalise) computed as Pillow computes it.
 */
package org.tca4j.vit.image;
