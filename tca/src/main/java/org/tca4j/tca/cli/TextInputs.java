package org.tca4j.tca.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the UTF-8 text files options name ({@code --labels-file}, {@code --texts-file}, {@code --templates}). */
final class TextInputs {
    private TextInputs() {}

    /**
     * The whole file as text.
     *
     * @throws UsageException naming the option and the file when it is missing, unreadable or not UTF-8
     */
    static String read(String option, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--" + option + " " + file + ": no such file");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new UsageException("--" + option + " " + file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UsageException("--" + option + " " + file + ": cannot read (" + Main.describe(e) + ")");
        }
    }
}
