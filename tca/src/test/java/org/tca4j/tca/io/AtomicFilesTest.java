package org.tca4j.tca.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheTargetWholeAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("out/results.md");
        AtomicFiles.writeString(target, "first");
        AtomicFiles.writeString(target, "second");
        assertThat(Files.readString(target)).isEqualTo("second");
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void theResultHasTheUmaskPermissionsOfANewFileNotOwnerOnly() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain"));
        Path written = dir.resolve("written.csv");
        AtomicFiles.writeString(written, "a,b\n");
        var expected = Files.getPosixFilePermissions(plain);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written)))
                .as("permissions of an atomically written file").isEqualTo(PosixFilePermissions.toString(expected));
    }
}
