package org.tca4j.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tca4j.convert.formats.Checkpoint;
import org.tca4j.convert.formats.Checkpoints;
import org.tca4j.convert.formats.SourceTensor;
import org.tca4j.core.testing.TestData;
import org.tca4j.vit.config.Activation;
import org.tca4j.vit.config.ClipConfig;
import org.tca4j.vit.io.ModelFile;
import org.tca4j.vit.io.TensorDType;

/** Activation sources and their conflicts, --model, --dtype and --vocab. */
class OptionsTest {
    @TempDir
    Path dir;

    private Path copyAlone(String model, String file) throws Exception {
        Path p = dir.resolve(file);
        Files.copy(TestData.path("openclip/models/" + model + "/" + file), p);
        return p;
    }

    @Test
    void withoutAConfigFileTheActivationMustBeGiven() throws Exception {
        Path bin = copyAlone("tiny-gelu", "open_clip_pytorch_model.bin");
        Path out = dir.resolve("out.tca4j");
        assertThatThrownBy(() -> Converter.convert(bin, out, ConvertOptions.DEFAULTS))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("cannot tell the activation");
        ClipConfig c = Converter.convert(bin, out, ConvertOptions.DEFAULTS.withQuickGelu(true));
        assertThat(c.vision().activation()).isEqualTo(Activation.QUICK_GELU);
        // Heads from OpenAI's rule width/64, which the tiny models follow (2 and 1).
        assertThat(c.vision().heads()).isEqualTo(2);
        assertThat(c.text().heads()).isEqualTo(1);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                "open_clip_pytorch_model.bin", "out.tca4j");
    }

    @Test
    void aFlagThatContradictsTheConfigFileIsAnError() throws Exception {
        Path out = dir.resolve("out.tca4j");
        Path gelu = TestData.path("openclip/models/micro-gelu/open_clip_pytorch_model.bin");
        assertThatThrownBy(() -> Converter.convert(gelu, out, ConvertOptions.DEFAULTS.withQuickGelu(true)))
                .hasMessageContaining("--quick-gelu contradicts open_clip_config.json");
        Path hf = TestData.path("openclip/models/micro-gelu/hf_model.safetensors");
        assertThatThrownBy(() -> Converter.convert(hf, out, ConvertOptions.DEFAULTS.withQuickGelu(true)))
                .hasMessageContaining("--quick-gelu contradicts config.json");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void aModelNameMustFitTheShapes() throws Exception {
        Path bin = copyAlone("tiny-gelu", "open_clip_pytorch_model.bin");
        Path out = dir.resolve("out.tca4j");
        assertThatThrownBy(() -> Converter.convert(bin, out, ConvertOptions.DEFAULTS.withModel("ViT-B-16")))
                .hasMessageContaining("--model ViT-B-16 says embed_dim is 512 but the checkpoint's tensors have 64");
        assertThatThrownBy(() -> Converter.convert(bin, out, ConvertOptions.DEFAULTS.withModel("ViT-X-99")))
                .hasMessageContaining("unknown model 'ViT-X-99'");
        assertThatThrownBy(() -> Converter.convert(bin, out,
                ConvertOptions.DEFAULTS.withModel("ViT-B-16").withQuickGelu(true)))
                .hasMessageContaining("--quick-gelu contradicts --model ViT-B-16");
    }

    @Test
    void dtypeFlagRoundsEachValueToNearestEven() throws Exception {
        Path bin = TestData.path("openclip/models/micro-gelu/open_clip_pytorch_model.bin");
        for (TensorDType dtype : TensorDType.values()) {
            Path out = dir.resolve(dtype.cliName() + ".tca4j");
            Converter.convert(bin, out, ConvertOptions.DEFAULTS.withDtype(dtype));
            try (ModelFile file = ModelFile.open(out); Checkpoint source = Checkpoints.read(bin)) {
                for (SourceTensor t : source.tensors()) {
                    float[] src = FormatsTest.floats(t.bytes().load(), t.dtype());
                    float[] got = file.tensor(t.name()).toArray();
                    assertThat(file.tensorInfo(t.name()).dtype()).isEqualTo(dtype);
                    for (int i = 0; i < src.length; i++) {
                        float want = switch (dtype) {
                            case F32 -> src[i];
                            case F16 -> Float.float16ToFloat(Float.floatToFloat16(src[i]));
                            case BF16 -> bf16Reference(src[i]);
                        };
                        assertThat(Float.floatToRawIntBits(got[i])).as("%s[%d] as %s", t.name(), i, dtype)
                                .isEqualTo(Float.floatToRawIntBits(want));
                    }
                }
            }
        }
    }

    /** bf16 round-to-nearest-even by arithmetic on the float's value (finite inputs), independent of the bit trick. */
    private static float bf16Reference(float v) {
        int bits = Float.floatToRawIntBits(v);
        float down = Float.intBitsToFloat(bits & 0xFFFF0000);
        float up = Float.intBitsToFloat((bits & 0xFFFF0000) + 0x10000);
        double dDown = Math.abs((double) v - down);
        double dUp = Math.abs((double) up - v);
        if (dDown != dUp) {
            return dDown < dUp ? down : up;
        }
        return ((bits >>> 16) & 1) == 0 ? down : up;
    }

    @Test
    void f16SourceWidensExactly() throws Exception {
        Path bin = TestData.path("openclip/models/micro-quickgelu/open_clip_pytorch_model.bin");
        Path out = dir.resolve("f32.tca4j");
        Converter.convert(bin, out, ConvertOptions.DEFAULTS.withDtype(TensorDType.F32));
        try (ModelFile file = ModelFile.open(out);
             ModelFile kept = ModelFile.open(TestData.path("models/micro-quickgelu.tca4j"))) {
            for (String key : kept.tensorNames()) {
                assertThat(kept.tensorInfo(key).dtype()).isEqualTo(TensorDType.F16);
                assertThat(file.tensorInfo(key).dtype()).isEqualTo(TensorDType.F32);
                assertThat(FormatsTest.bits(file.tensor(key).toArray())).as(key)
                        .isEqualTo(FormatsTest.bits(kept.tensor(key).toArray()));
            }
        }
    }

    @Test
    void vocabFileGivesTheSameFileAsTheBundledCopyAndBadOnesAreRejected() throws Exception {
        Path bin = TestData.path("openclip/models/micro-gelu/open_clip_pytorch_model.bin");
        Path out = dir.resolve("out.tca4j");
        ConvertOptions withVocab = new ConvertOptions(null, false, null,
                TestData.path("openclip/bpe_simple_vocab_16e6.txt.gz"), null);
        Converter.convert(bin, out, withVocab);
        assertThat(Files.mismatch(out, TestData.path("models/micro-gelu.tca4j"))).isEqualTo(-1L);

        Path shortVocab = dir.resolve("short.txt");
        Files.writeString(shortVocab, "#version: 0.2\ni n\nt h\n");
        assertThatThrownBy(() -> Converter.convert(bin, out, new ConvertOptions(null, false, null, shortVocab, null)))
                .isInstanceOf(CheckpointException.class).hasMessageStartingWith(shortVocab + ": ")
                .hasMessageContaining("fewer than the 48895");
    }

    @Test
    void outputIsByteIdenticalAcrossRuns() throws Exception {
        Path bin = TestData.path("openclip/models/micro-quickgelu/epoch_1.pt");
        Path a = dir.resolve("a.tca4j");
        Path b = dir.resolve("b.tca4j");
        Converter.convert(bin, a, ConvertOptions.DEFAULTS);
        Converter.convert(bin, b, ConvertOptions.DEFAULTS);
        assertThat(Files.mismatch(a, b)).isEqualTo(-1L);
        assertThat(ByteBuffer.wrap(Files.readAllBytes(a), 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt())
                .isEqualTo(ByteBuffer.wrap("TC4J".getBytes()).order(ByteOrder.LITTLE_ENDIAN).getInt());
    }
}
