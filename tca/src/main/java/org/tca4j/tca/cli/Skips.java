package org.tca4j.tca.cli;

import java.nio.file.Path;

/** How a skipped input is reported: the file, then the problem (once, even when the message names the file). */
final class Skips {
    private Skips() {}

    static String describe(Path file, Exception e) {
        String message = Main.describe(e);
        return message.startsWith(file.toString()) ? message : file + ": " + message;
    }
}
