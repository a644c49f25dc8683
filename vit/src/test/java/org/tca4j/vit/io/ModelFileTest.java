package org.tca4j.vit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.vit.config.ClipConfig;
import org.tca4j.vit.weights.OpenClipKeys;

class ModelFileTest {
    @TempDir
    Path dir;

    @Test
    void writtenTensorsReadBackBitForBitInEveryDtype() throws Exception {
        Path file = dir.resolve("toy.tca4j");
        ClipConfig config = SyntheticModels.toyConfig();
        Map<String, float[]> values = SyntheticModels.write(file, config, 42, true);
        try (ModelFile model = ModelFile.open(file)) {
            assertThat(model.config()).usingRecursiveComparison().isEqualTo(config);
            assertThat(model.tokenizer()).isEqualTo(SyntheticModels.toyTokenizer());
            assertThat(model.provenance()).isEqualTo(SyntheticModels.provenance());
            assertThat(model.tensorNames()).containsExactlyElementsOf(values.keySet());
            for (Map.Entry<String, float[]> e : values.entrySet()) {
                FloatMatrix m = model.tensor(e.getKey());
                int[] rc = OpenClipKeys.matrixShape(model.tensorInfo(e.getKey()).shape());
                assertThat(new int[] {m.rows(), m.cols()}).as(e.getKey()).containsExactly(rc);
                assertThat(m.toArray()).as("%s (seed 42)", e.getKey()).containsExactly(e.getValue());
                assertThat(model.tensorInfo(e.getKey()).offset() % ModelFileFormat.ALIGNMENT).isZero();
            }
            assertThat(model.tensor("logit_scale").rows()).isEqualTo(1);
            assertThat(model.tensor("logit_scale").cols()).isEqualTo(1);
            assertThat(model.tensor("visual.conv1.weight").cols()).isEqualTo(3 * 16 * 16);
            assertThatThrownBy(() -> model.tensor("no.such.key")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no.such.key");
        }
    }

    @Test
    void sameInputGivesTheSameBytes() throws Exception {
        Path a = dir.resolve("a.tca4j");
        Path b = dir.resolve("b.tca4j");
        SyntheticModels.write(a, SyntheticModels.toyConfig(), 7, true);
        SyntheticModels.write(b, SyntheticModels.toyConfig(), 7, true);
        assertThat(Files.mismatch(a, b)).isEqualTo(-1L);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.tca4j", "b.tca4j");
        }
    }

    @Test
    void failedWriteLeavesNothingBehind() throws Exception {
        Path target = dir.resolve("broken.tca4j");
        ClipConfig config = SyntheticModels.toyConfig();
        List<ModelFileWriter.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, long[]> e : OpenClipKeys.expectedShapes(config).entrySet()) {
            entries.add(new ModelFileWriter.Entry(e.getKey(), TensorDType.F32, e.getValue(), out -> out.write(new byte[3])));
        }
        assertThatThrownBy(() -> ModelFileWriter.write(target, config, SyntheticModels.toyTokenizer(),
                SyntheticModels.provenance(), entries)).hasMessageContaining("wrote 3 bytes");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void bf16RoundsToNearestEvenAndKeepsSpecials() {
        assertThat(TensorDType.floatToBf16(1.0f)).isEqualTo((short) 0x3F80);
        // 1 + 2^-8 lies exactly between 1 and 1 + 2^-7: ties to the even one, 1.
        assertThat(TensorDType.floatToBf16(Float.intBitsToFloat(0x3F808000))).isEqualTo((short) 0x3F80);
        // 1 + 3·2^-8 lies between 1 + 2^-7 (odd) and 1 + 2^-6: ties to even, up.
        assertThat(TensorDType.floatToBf16(Float.intBitsToFloat(0x3F818000))).isEqualTo((short) 0x3F82);
        assertThat(TensorDType.floatToBf16(Float.intBitsToFloat(0x3F808001))).isEqualTo((short) 0x3F81);
        assertThat(TensorDType.bf16ToFloat(TensorDType.floatToBf16(Float.POSITIVE_INFINITY))).isInfinite();
        assertThat(TensorDType.bf16ToFloat(TensorDType.floatToBf16(Float.NaN))).isNaN();
        assertThat(TensorDType.bf16ToFloat(TensorDType.floatToBf16(Float.MAX_VALUE))).isInfinite();
        assertThat(TensorDType.bf16ToFloat((short) 0xC0A0)).isEqualTo(-5.0f);
    }

    @Test
    void closedFileRejectsUseOfMappedTensors() throws Exception {
        Path file = dir.resolve("toy.tca4j");
        SyntheticModels.write(file, SyntheticModels.toyConfig(), 1, false);
        ModelFile model = ModelFile.open(file);
        FloatMatrix proj = model.tensor("visual.proj");
        model.close();
        model.close();
        assertThatThrownBy(() -> proj.get(0, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void emptyForeignAndTruncatedFilesAreRejected() throws Exception {
        Path good = dir.resolve("good.tca4j");
        SyntheticModels.write(good, SyntheticModels.toyConfig(), 3, false);
        byte[] bytes = Files.readAllBytes(good);

        assertRejected(new byte[0], "not a tca4j model file: only 0 bytes");
        assertRejected("PK\u0003\u0004 this is a zip, not a model".getBytes(), "no 'TC4J' identifier");
        assertRejected(java.util.Arrays.copyOf(bytes, bytes.length - 1), "truncated");
        assertRejected(java.util.Arrays.copyOf(bytes, 100), "truncated or corrupt: the header claims");
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 64);
        assertRejected(longer, "the data section should span");
        assertThatThrownBy(() -> ModelFile.open(dir.resolve("absent.tca4j"))).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("absent.tca4j").hasMessageContaining("cannot read");
    }

    @Test
    void futureVersionIsRejectedByName() throws Exception {
        byte[] bytes = goodBytes();
        Header h = new Header(bytes);
        h.putInt(h.field(h.root(), 0), 2);
        assertRejected(bytes, "format version 2 is not supported: this tca4j reads version 1 (the file is newer; upgrade tca4j)");
    }

    @Test
    void tensorDirectoryProblemsAreNamed() throws Exception {
        byte[] bytes = goodBytes();
        Header h = new Header(bytes);
        int tensor0 = h.tensor(0);
        String name0 = "positional_embedding";

        byte[] misaligned = bytes.clone();
        new Header(misaligned).putLong(h.field(tensor0, 3), 8);
        assertRejected(misaligned, "tensor '" + name0 + "' starts at offset 8, not a multiple of 64");

        byte[] badDtype = bytes.clone();
        badDtype[h.field(tensor0, 1)] = 9;
        assertRejected(badDtype, "tensor '" + name0 + "' has unknown dtype code 9");

        byte[] badLength = bytes.clone();
        new Header(badLength).putLong(h.field(tensor0, 4), 12);
        assertRejected(badLength, "tensor '" + name0 + "' of shape [4, 4] f32 needs 16 elements but has 12 bytes");

        byte[] overlapping = bytes.clone();
        new Header(overlapping).putLong(h.field(h.tensor(1), 3), 0);
        assertRejected(overlapping, "overlaps tensor");

        byte[] pastEnd = bytes.clone();
        new Header(pastEnd).putLong(h.field(tensor0, 3), 1L << 40);
        assertRejected(pastEnd, "lie past the end of the");

        byte[] shape = bytes.clone();
        new Header(shape).putLong(h.vectorElement(h.field(tensor0, 2), 0, 8), 2);
        assertRejected(shape, "needs 8 elements but has 64 bytes");

        byte[] renamed = bytes.clone();
        renamed[h.vectorElement(h.field(tensor0, 0), 0, 1)] = 'P';
        assertRejected(renamed, "unexpected tensor 'Positional_embedding'");
    }

    @Test
    void unknownInterpolationIsRefusedAtOpenNotAtFirstPreprocessing() throws Exception {
        byte[] bytes = goodBytes();
        Header h = new Header(bytes);
        int preprocess = h.deref(h.field(h.root(), 4));
        int name = h.vectorElement(h.field(preprocess, 1), 0, 1);
        String written = new String(bytes, name, 7, StandardCharsets.US_ASCII);
        assertThat(written).isEqualTo("bicubic");
        // Same length, so only the name changes: a file a careless tool or a bit flip could produce.
        System.arraycopy("lanczos".getBytes(StandardCharsets.US_ASCII), 0, bytes, name, 7);
        assertRejected(bytes, "invalid config: interpolation 'lanczos' is not supported"
                + " (open_clip accepts only bicubic, bilinear, random)");
    }

    @Test
    void missingAndMisshapenTensorsAreNamed() throws Exception {
        ClipConfig config = SyntheticModels.toyConfig();
        List<ModelFileWriter.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, long[]> e : OpenClipKeys.expectedShapes(config).entrySet()) {
            if (!e.getKey().equals("visual.ln_post.bias")) {
                long[] shape = e.getKey().equals("visual.proj") ? new long[] {4, 8} : e.getValue();
                long n = 1;
                for (long side : shape) {
                    n *= side;
                }
                byte[] zeros = new byte[(int) n * 4];
                entries.add(new ModelFileWriter.Entry(e.getKey(), TensorDType.F32, shape, out -> out.write(zeros)));
            }
        }
        Path file = dir.resolve("misshapen.tca4j");
        ModelFileWriter.write(file, config, SyntheticModels.toyTokenizer(), SyntheticModels.provenance(), entries);
        assertThatThrownBy(() -> ModelFile.open(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("misshapen.tca4j")
                .hasMessageContaining("tensor 'visual.proj' has shape [4, 8], the config requires [8, 4]");
        entries.removeIf(e -> e.name().equals("visual.proj"));
        ModelFileWriter.write(file, config, SyntheticModels.toyTokenizer(), SyntheticModels.provenance(), entries);
        assertThatThrownBy(() -> ModelFile.open(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("tensor 'visual.proj' is missing (the config requires it)");
    }

    private byte[] goodBytes() throws Exception {
        Path good = dir.resolve("good.tca4j");
        SyntheticModels.write(good, SyntheticModels.toyConfig(), 5, false);
        return Files.readAllBytes(good);
    }

    private void assertRejected(byte[] bytes, String problem) throws Exception {
        Path file = dir.resolve("case.tca4j");
        Files.write(file, bytes);
        assertThatThrownBy(() -> ModelFile.open(file)).isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(file + ": ").hasMessageContaining(problem);
    }

    /** Finds fields in a model file's FlatBuffer by hand, the way the format defines them (file offsets). */
    private record Header(ByteBuffer b) {
        Header(byte[] bytes) {
            this(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
        }

        int root() {
            return 4 + b.getInt(4);
        }

        int field(int table, int index) {
            int vtable = table - b.getInt(table);
            return table + b.getShort(vtable + 4 + 2 * index);
        }

        int tensor(int i) {
            int vector = deref(field(root(), 7));
            return deref(vector + 4 + 4 * i);
        }

        int vectorElement(int fieldPos, int i, int size) {
            return deref(fieldPos) + 4 + i * size;
        }

        int deref(int at) {
            return at + b.getInt(at);
        }

        void putInt(int at, int v) {
            b.putInt(at, v);
        }

        void putLong(int at, long v) {
            b.putLong(at, v);
        }
    }
}
