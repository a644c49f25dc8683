package org.tca4j.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tca4j.convert.formats.Checkpoint;
import org.tca4j.convert.formats.Checkpoints;
import org.tca4j.convert.formats.SourceDType;
import org.tca4j.convert.formats.SourceTensor;
import org.tca4j.core.testing.TestData;
import org.tca4j.vit.io.ModelFile;
import org.tca4j.vit.io.TensorDType;

/**
 * Every format of the same micro model (the golden files hold bit-identical tensors) converts to the same tensors
 * bit for bit, and the tensors read back from the model file equal the source checkpoint's.
 */
class FormatsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "micro-gelu, open_clip_model.safetensors, safetensors",
        "micro-gelu, epoch_1.pt, pytorch-zip-training",
        "micro-gelu, hf_model.safetensors, hf-safetensors",
        "micro-quickgelu, open_clip_model.safetensors, safetensors",
        "micro-quickgelu, epoch_1.pt, pytorch-zip-training",
        "micro-quickgelu, hf_model.safetensors, hf-safetensors",
    })
    void everyFormatGivesTheTensorsOfThePlainStateDict(String model, String file, String format) throws Exception {
        Path reference = TestData.path("models/" + model + ".tca4j"); // converted from open_clip_pytorch_model.bin
        Path converted = dir.resolve(model + ".tca4j");
        Converter.convert(TestData.path("openclip/models/" + model + "/" + file), converted, ConvertOptions.DEFAULTS);
        try (ModelFile expected = ModelFile.open(reference); ModelFile actual = ModelFile.open(converted)) {
            assertThat(actual.config()).usingRecursiveComparison().isEqualTo(expected.config());
            assertThat(actual.tensorNames()).isEqualTo(expected.tensorNames());
            for (String key : expected.tensorNames()) {
                assertThat(actual.tensorInfo(key).dtype()).as(key).isEqualTo(expected.tensorInfo(key).dtype());
                assertThat(bits(actual.tensor(key).toArray())).as("%s from %s", key, file)
                        .isEqualTo(bits(expected.tensor(key).toArray()));
            }
            assertThat(actual.provenance().sourceFormat()).isEqualTo(format);
            assertThat(actual.provenance().sourceFile()).isEqualTo(file);
            assertThat(actual.tokenizer()).isEqualTo(expected.tokenizer());
        }
    }

    @ParameterizedTest
    @CsvSource({"micro-gelu", "micro-quickgelu", "tiny-quickgelu"})
    void tensorsReadBackEqualTheSourceCheckpoint(String model) throws Exception {
        Path source = TestData.path("openclip/models/" + model + "/open_clip_pytorch_model.bin");
        try (ModelFile file = ModelFile.open(TestData.path("models/" + model + ".tca4j"));
             Checkpoint checkpoint = Checkpoints.read(source)) {
            assertThat(checkpoint.tensors()).hasSize(file.tensorNames().size());
            for (SourceTensor t : checkpoint.tensors()) {
                float[] expected = floats(t.bytes().load(), t.dtype());
                assertThat(file.tensorInfo(t.name()).shape()).isEqualTo(t.shape());
                assertThat(file.tensorInfo(t.name()).dtype())
                        .isEqualTo(t.dtype() == SourceDType.F16 ? TensorDType.F16 : TensorDType.F32);
                assertThat(bits(file.tensor(t.name()).toArray())).as(t.name()).isEqualTo(bits(expected));
            }
        }
    }

    static int[] bits(float[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Float.floatToRawIntBits(v[i]);
        }
        return out;
    }

    /** Independent decoding of little-endian f32 / f16 bytes. */
    static float[] floats(byte[] bytes, SourceDType dtype) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[bytes.length / dtype.byteSize()];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (dtype) {
                case F32 -> b.getFloat();
                case F16 -> Float.float16ToFloat(b.getShort());
                default -> throw new IllegalArgumentException(dtype.toString());
            };
        }
        return out;
    }
}
