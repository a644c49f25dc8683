package org.tca4j.vit.weights;

/** A model's tensors do not fit its configuration: a key is missing or a tensor has the wrong shape. */
public final class WeightException extends IllegalArgumentException {
    public WeightException(String message) {
        super(message);
    }
}
