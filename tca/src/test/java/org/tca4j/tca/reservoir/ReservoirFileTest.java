package org.tca4j.tca.reservoir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.reservoir.ReservoirFile.InvalidReservoirFileException;

/** Save and restore of the reservoir: exact round trip, and a typed error for every kind of bad file. */
class ReservoirFileTest {
    private static final long SEED = 20251201L;

    @TempDir
    Path dir;

    static TokenReservoir filled() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        TokenReservoir r = new TokenReservoir(4, 3);
        for (int i = 0; i < 11; i++) {
            float[] t = new float[12 * 8];
            for (int k = 0; k < t.length; k++) {
                t[k] = (float) rnd.nextGaussian();
            }
            r.insert(i % 3, new ReservoirEntry(i, FloatMatrix.wrap(t, 12, 8), (float) rnd.nextDouble()));
        }
        return r;
    }

    @Test
    void roundTripKeepsEveryEntryInOrder() throws IOException {
        TokenReservoir r = filled();
        Path f = dir.resolve("res.tca4j-reservoir");
        ReservoirFile.write(f, r, 11);
        ReservoirFile.Snapshot s = ReservoirFile.read(f);
        TokenReservoir back = new TokenReservoir(4, 3);
        s.copyInto(f, back);
        assertThat(s.imagesSeen()).isEqualTo(11);
        assertThat(s.layers()).isEqualTo(12);
        for (int c = 0; c < 4; c++) {
            assertThat(back.size(c)).as("class %d (seed %d)", c, SEED).isEqualTo(r.size(c));
            for (int i = 0; i < r.size(c); i++) {
                ReservoirEntry a = r.entries(c).get(i), b = back.entries(c).get(i);
                assertThat(b.id()).isEqualTo(a.id());
                assertThat(b.entropy()).isEqualTo(a.entropy());
                assertThat(b.clsTokens().toArray()).containsExactly(a.clsTokens().toArray());
            }
        }
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).as("no temporary file left").containsExactly(f);
        }
    }

    @Test
    void emptyReservoirRoundTrips() throws IOException {
        Path f = dir.resolve("empty");
        ReservoirFile.write(f, new TokenReservoir(2, 3), 0);
        assertThat(ReservoirFile.read(f).byClass()).allMatch(java.util.List::isEmpty);
    }

    @Test
    void damagedFilesAreRejectedWithTheProblem() throws IOException {
        Path f = dir.resolve("res");
        ReservoirFile.write(f, filled(), 11);
        byte[] good = Files.readAllBytes(f);

        expectInvalid(f, flip(good, 200), "checksum");
        expectInvalid(f, Arrays.copyOf(good, good.length - 20), "truncated");
        expectInvalid(f, Arrays.copyOf(good, good.length + 3), "trailing");
        expectInvalid(f, flip(good, 0), "magic");
        expectInvalid(f, putInt(good, 8, 2), "version 2");
        expectInvalid(f, putInt(good, 12, -5), "classes");
        expectInvalid(f, putInt(good, 36, 9), "entries of class 0");
        expectInvalid(f, new byte[3], "truncated");
    }

    @Test
    void aReservoirOfAnotherShapeDoesNotFit() throws IOException {
        Path f = dir.resolve("res");
        ReservoirFile.write(f, filled(), 11);
        ReservoirFile.Snapshot s = ReservoirFile.read(f);
        assertThatThrownBy(() -> s.copyInto(f, new TokenReservoir(5, 3)))
                .isInstanceOf(InvalidReservoirFileException.class).hasMessageContaining("5 of capacity 3");
    }

    private void expectInvalid(Path f, byte[] content, String problem) throws IOException {
        Files.write(f, content);
        assertThatThrownBy(() -> ReservoirFile.read(f)).isInstanceOf(InvalidReservoirFileException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining(problem);
    }

    private static byte[] flip(byte[] b, int at) {
        byte[] c = b.clone();
        c[at] ^= 0x40;
        return c;
    }

    private static byte[] putInt(byte[] b, int at, int v) {
        byte[] c = b.clone();
        ByteBuffer.wrap(c).putInt(at, v);
        return c;
    }
}
