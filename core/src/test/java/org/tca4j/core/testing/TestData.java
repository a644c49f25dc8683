package org.tca4j.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the golden data lives: the directory given by the system property {@code tca4j.testdata} (the parent pom
 * sets it to the repository's {@code testdata/}). A missing directory or file fails the test; nothing skips.
 */
public final class TestData {
    private TestData() {}

    /** The test data root. */
    public static Path root() {
        String dir = System.getProperty("tca4j.testdata");
        if (dir == null) {
            throw new IllegalStateException("system property tca4j.testdata is not set (run the tests through Maven)");
        }
        Path root = Path.of(dir);
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("test data directory " + root + " is missing");
        }
        return root;
    }

    /** A file or directory below the root that must exist, e.g. {@code path("openclip/inputs/tokens.npy")}. */
    public static Path path(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("golden data " + p + " is missing");
        }
        return p;
    }

    /** Reads an {@code .npy} golden below the root. */
    public static Npy npy(String relative) {
        return Npy.read(path(relative));
    }
}
