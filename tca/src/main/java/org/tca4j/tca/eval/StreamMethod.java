package org.tca4j.tca.eval;

import org.tca4j.tca.data.ByteImage;

/**
 * One way of classifying a stream of images, one image at a time: zero-shot CLIP, TCA, EViT, ToMe. A method may
 * keep state across images (TCA's reservoir); {@link #reset} clears it before a run, and {@link #saveState} /
 * {@link #restoreState} carry it across an interrupted run so {@code --resume} continues exactly where it stopped.
 */
public interface StreamMethod {
    /** The name in reports and on the command line, e.g. {@code tca-0.105}. */
    String name();

    /** Classifies one image as stored (8-bit, before preprocessing), updating any state. */
    Prediction classify(ByteImage image);

    /** Forgets everything learned from earlier images. */
    void reset();

    /**
     * The state learned so far, as bytes; empty for stateless methods. The runner stores it in the checkpoint.
     */
    default byte[] saveState() {
        return new byte[0];
    }

    /**
     * Restores what {@link #saveState} returned, so that the next {@link #classify} behaves as if the earlier images
     * had just been seen.
     */
    default void restoreState(byte[] state) {
        if (state.length != 0) {
            throw new IllegalStateException(name() + " is stateless but was given " + state.length + " bytes of state");
        }
    }
}
