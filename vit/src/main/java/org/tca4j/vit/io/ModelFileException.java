package org.tca4j.vit.io;

import java.io.IOException;
import java.io.Serial;
import java.nio.file.Path;

/**
 * A model file that cannot be used: missing, unreadable, foreign, truncated, corrupt, or written by a newer format.
 * The message names the file and the problem.
 */
public final class ModelFileException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public ModelFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public ModelFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file the problem is in. */
    public Path file() {
        return file;
    }
}
