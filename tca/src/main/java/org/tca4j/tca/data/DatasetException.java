package org.tca4j.tca.data;

import java.nio.file.Path;

/** A dataset file is missing, truncated or not in the expected format. The message names the file and the problem. */
public final class DatasetException extends RuntimeException {
    public DatasetException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public DatasetException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }

    /** A problem that is not about one file, e.g. a bad dataset specification. */
    public DatasetException(String problem) {
        super(problem);
    }
}
