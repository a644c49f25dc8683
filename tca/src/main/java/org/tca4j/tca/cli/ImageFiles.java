package org.tca4j.tca.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The image files named on a command line: files as given, directories as their image files (see
 * {@link org.tca4j.tca.data.ImageFiles#imagesIn}), sorted by name.
 */
final class ImageFiles {
    private ImageFiles() {}

    /** Expands {@code arguments}; a name that is neither a file nor a directory is a usage error. */
    static List<Path> expand(List<String> arguments) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String argument : arguments) {
            Path p = Path.of(argument);
            if (Files.isDirectory(p)) {
                files.addAll(org.tca4j.tca.data.ImageFiles.imagesIn(p));
            } else if (Files.exists(p)) {
                files.add(p);
            } else {
                throw new UsageException("no such file or directory: " + argument);
            }
        }
        return files;
    }
}
