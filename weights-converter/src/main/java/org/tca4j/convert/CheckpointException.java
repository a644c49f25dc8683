package org.tca4j.convert;

import java.io.IOException;
import java.io.Serial;
import java.nio.file.Path;

/** A checkpoint (or a file beside it) that cannot be converted; the message names the file and the problem. */
public final class CheckpointException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    public CheckpointException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public CheckpointException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
