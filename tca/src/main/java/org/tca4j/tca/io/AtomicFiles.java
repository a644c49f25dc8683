package org.tca4j.tca.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Output files appear whole or not at all: written to a temporary file beside the target, then renamed over it
 * (atomically where the file system can; a plain replacing move where it cannot). The temporary file is created
 * like any new file, so the result gets the permissions the user's umask gives (not the owner-only ones of
 * {@code Files.createTempFile}).
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes {@code content} to {@code target}, creating its directory; the temporary file never outlives the call. */
    public static void write(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = newTemporary(dir, target.getFileName().toString());
        try {
            Files.write(temp, content);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A new empty file {@code dir/.NAME.RANDOM.tmp}, created with the default permissions of a new file (umask
     * applied), for content that will be renamed to {@code name}.
     */
    public static Path newTemporary(Path dir, String name) throws IOException {
        while (true) {
            long suffix = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
            try {
                return Files.createFile(dir.resolve("." + name + "." + Long.toString(suffix, 36) + ".tmp"));
            } catch (FileAlreadyExistsException e) {
                // another writer's temporary file: draw another name
            }
        }
    }

    /** Writes {@code content} as UTF-8, see {@link #write}. */
    public static void writeString(Path target, String content) throws IOException {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }
}
