package org.tca4j.tca.eval;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the embedded default model, {@code models/fmnist-clip.tca4j}: a small CLIP trained on Fashion-MNIST (see
 * {@code models/README.md} for its provenance). Looked for, in order: the system property {@code tca4j.model}, the
 * environment variable {@code TCA4J_MODEL}, {@code models/} next to the running JAR and up to three folders above it
 * (the launcher runs {@code tca/target/tca4j.jar} in the repository), then {@code models/} in the working directory.
 */
public final class DefaultModel {
    /** The file name of the default model. */
    public static final String FILE_NAME = "fmnist-clip.tca4j";

    private DefaultModel() {}

    /**
     * The default model's path.
     *
     * @throws IllegalStateException listing where it looked when the file is nowhere
     */
    public static Path find() {
        List<Path> candidates = candidates();
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("the default model " + FILE_NAME + " is not in " + candidates
                + "; give --model FILE or set TCA4J_MODEL");
    }

    static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        String property = System.getProperty("tca4j.model");
        if (property != null && !property.isBlank()) {
            out.add(Path.of(property));
        }
        String env = System.getenv("TCA4J_MODEL");
        if (env != null && !env.isBlank()) {
            out.add(Path.of(env));
        }
        try {
            var source = DefaultModel.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                Path dir = Path.of(source.getLocation().toURI()).toAbsolutePath().getParent();
                for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
                    out.add(dir.resolve("models").resolve(FILE_NAME));
                }
            }
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            // no usable code source: the working directory still counts
        }
        out.add(Path.of("models", FILE_NAME).toAbsolutePath());
        return out;
    }
}
