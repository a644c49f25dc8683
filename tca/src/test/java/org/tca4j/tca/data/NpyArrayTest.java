package org.tca4j.tca.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A malformed shape in a {@code .npy} header is a typed error naming the file, never a parse or bounds exception. */
class NpyArrayTest {
    @TempDir
    Path dir;

    @Test
    void readsAWellFormedArray() {
        Path file = DataFiles.write(dir.resolve("ok.npy"), DataFiles.npy("|u1", new long[] {2, 3}, new byte[] {
                1, 2, 3, 4, 5, (byte) 250}));
        NpyArray array = NpyArray.map(file);
        assertThat(array.shape).containsExactly(2, 3);
        assertThat(array.getLong(5)).isEqualTo(250);
    }

    @Test
    void aNegativeDimensionIsATypedError() {
        Path file = DataFiles.write(dir.resolve("negative.npy"), DataFiles.npy("|u1", new long[] {-4}, new byte[8]));
        assertThatThrownBy(() -> NpyArray.map(file)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("negative dimension");
    }

    @Test
    void aShapeWhoseSizeOverflowsIsATypedError() {
        long big = 1L << 40;
        Path file = DataFiles.write(dir.resolve("huge.npy"),
                DataFiles.npy("<i8", new long[] {big, big}, new byte[8]));
        assertThatThrownBy(() -> NpyArray.map(file)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("too large");
    }

    @Test
    void aDimensionThatIsNotAnIntegerIsATypedError() {
        byte[] npy = DataFiles.npy("|u1", new long[] {12}, new byte[12]);
        String header = new String(npy, StandardCharsets.ISO_8859_1).replace("(12,)", "(1x,)");
        Path file = DataFiles.write(dir.resolve("text.npy"), header.getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> NpyArray.map(file)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not an integer");
    }
}
