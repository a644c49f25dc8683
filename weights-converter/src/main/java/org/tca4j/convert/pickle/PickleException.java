package org.tca4j.convert.pickle;

import java.io.Serial;

/** A pickle that {@link RestrictedUnpickler} refuses; the caller adds the file name. */
public final class PickleException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    public PickleException(String message) {
        super(message);
    }
}
