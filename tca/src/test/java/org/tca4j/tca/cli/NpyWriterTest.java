package org.tca4j.tca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.core.testing.Npy;

class NpyWriterTest {
    @TempDir
    Path dir;

    @Test
    void floatsAndIntsReadBackWithAlignedHeaders() throws Exception {
        FloatMatrix m = FloatMatrix.wrap(new float[] {1.5f, -2f, 3.25f, Float.MIN_VALUE, 0f, 7f}, 2, 3);
        Path f = dir.resolve("image_features.npy");
        NpyWriter.writeFloat32(f, m);
        Npy back = Npy.read(f);
        assertThat(back.dtype()).isEqualTo("f4");
        assertThat(back.shape()).containsExactly(2, 3);
        assertThat(back.floats()).containsExactly(m.toArray());

        Path t = dir.resolve("tokens.npy");
        NpyWriter.writeInt32(t, new int[][] {{49406, 320, 49407}, {49406, 49407, 0}}, 3);
        Npy ints = Npy.read(t);
        assertThat(ints.dtype()).isEqualTo("i4");
        assertThat(ints.ints()).containsExactly(49406, 320, 49407, 49406, 49407, 0);

        for (Path p : new Path[] {f, t}) {
            int headerLength = Files.readAllBytes(p).length - 6 * 4; // both hold six 4-byte values
            assertThat(headerLength % 64).as("data of %s starts 64-byte aligned", p).isZero();
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("image_features.npy",
                    "tokens.npy");
        }
    }

    @Test
    void emptyArraysKeepTheirShape() throws Exception {
        Path f = dir.resolve("text_features.npy");
        NpyWriter.writeFloat32(f, FloatMatrix.allocate(0, 512));
        assertThat(Npy.read(f).shape()).containsExactly(0, 512);
    }
}
