package org.tca4j.tca.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The prompt templates {@code --templates} names: {@code single}, {@code imagenet}, or a file. */
final class Templates {
    /** CLIP's single prompt. */
    static final List<String> SINGLE = List.of("a photo of a {}.");

    private Templates() {}

    static List<String> resolve(String name) {
        if (name.equals("single")) {
            return SINGLE;
        }
        if (name.equals("imagenet")) {
            throw new UsageException("--templates imagenet: CLIP's 80 ImageNet templates are not in this build yet "
                    + "(issue 4); give them as a file, one per line");
        }
        Path file = Path.of(name);
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--templates " + name + ": expected single, imagenet or a file of templates");
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).map(String::strip).toList();
            for (String l : lines) {
                if (!l.contains("{}")) {
                    throw new UsageException(file + ": template '" + l + "' has no {} for the label");
                }
            }
            if (lines.isEmpty()) {
                throw new UsageException(file + ": no templates");
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
