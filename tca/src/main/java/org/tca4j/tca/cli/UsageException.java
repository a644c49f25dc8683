package org.tca4j.tca.cli;

/** The command line was not understood; the CLI prints the message and the usage, and exits with 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
