package org.tca4j.vit.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.core.testing.TestData;
import org.tca4j.vit.config.Activation;
import org.tca4j.vit.config.ClipConfig;
import org.tca4j.vit.weights.OpenClipKeys;

/**
 * Opens the committed model-file fixtures ({@code testdata/models}, made by the converter from the OpenCLIP
 * goldens) and checks them against the golden MANIFEST: dims, tensor and parameter counts, {@code logit_scale}, the
 * source checkpoint's SHA-256, and how each dtype is held in memory.
 */
class ModelFileFixturesTest {

    // Values from testdata/openclip/MANIFEST.json "models" (dims, n_state_dict_tensors, n_parameters, logit_scale,
    // checkpoints[0].sha256).
    @ParameterizedTest
    @CsvSource({
        "tiny-gelu,      128, 12, 2, 512, 64, 3, 1, 256, 64, GELU,       194, 5832833, 2.8207590579986572, af345bf8a47e424e8f5e6c3f08b68dda21da625d2095d5becef0d33bdb9449bb, F32",
        "tiny-quickgelu, 128, 12, 2, 512, 64, 3, 1, 256, 64, QUICK_GELU, 194, 5832833, 2.5,                cbd7553dc93bc0c14aaf2945ea80568c565c63280479ca8446a47e7a70aadf21, F16",
        "micro-gelu,      32,  2, 2, 128,  4, 2, 1,  16, 16, GELU,        62,  255461, 2.441361904144287,  756ee3f933399b19883b1457affd00652ff205e6b392908aaa5f629ad277b861, F32",
        "micro-quickgelu, 32,  2, 2, 128,  4, 2, 1,  16, 16, QUICK_GELU,  62,  255461, 2.17578125,         866c1497bc5b4215eefcfcef1009b537d2c6d96e6935f91cda5363b654a681c1, F16",
    })
    void fixtureMatchesTheGoldenManifest(String name, int visionWidth, int visionLayers, int visionHeads, int visionMlp,
                                         int textWidth, int textLayers, int textHeads, int textMlp, int embedDim,
                                         Activation activation, int tensors, long parameters, double logitScale,
                                         String sourceSha256, TensorDType dtype) throws Exception {
        Path file = TestData.path("models/" + name + ".tca4j");
        try (ModelFile model = ModelFile.open(file)) {
            ClipConfig c = model.config();
            assertThat(c.vision().width()).isEqualTo(visionWidth);
            assertThat(c.vision().layers()).isEqualTo(visionLayers);
            assertThat(c.vision().heads()).isEqualTo(visionHeads);
            assertThat(c.vision().mlpWidth()).isEqualTo(visionMlp);
            assertThat(c.vision().imageSize()).isEqualTo(224);
            assertThat(c.vision().patchSize()).isEqualTo(16);
            assertThat(c.vision().tokens()).isEqualTo(197);
            assertThat(c.vision().activation()).isEqualTo(activation);
            assertThat(c.vision().layerNormEps()).isEqualTo(1e-5f);
            assertThat(c.text().width()).isEqualTo(textWidth);
            assertThat(c.text().layers()).isEqualTo(textLayers);
            assertThat(c.text().heads()).isEqualTo(textHeads);
            assertThat(c.text().mlpWidth()).isEqualTo(textMlp);
            assertThat(c.text().contextLength()).isEqualTo(77);
            assertThat(c.text().vocabSize()).isEqualTo(49408);
            assertThat(c.text().activation()).isEqualTo(activation);
            assertThat(c.embedDim()).isEqualTo(embedDim);
            assertThat(c.preprocess().size()).isEqualTo(224);
            assertThat(c.preprocess().interpolation()).isEqualTo("bicubic");
            assertThat(c.preprocess().mean()).containsExactly(0.48145466f, 0.4578275f, 0.40821073f);
            assertThat(c.preprocess().std()).containsExactly(0.26862954f, 0.26130258f, 0.27577711f);

            assertThat(model.tensorNames()).hasSize(tensors).containsExactlyElementsOf(OpenClipKeys.expectedShapes(c).keySet());
            long count = 0;
            for (String key : model.tensorNames()) {
                FloatMatrix m = model.tensor(key);
                count += m.size();
                assertThat(model.tensorInfo(key).dtype()).isEqualTo(dtype);
                // f32 is used in place (a view of the mapping); f16 is upcast to a heap copy.
                assertThat(m.segment().isNative()).as(key).isEqualTo(dtype == TensorDType.F32);
            }
            assertThat(count).isEqualTo(parameters);
            assertThat(model.tensor("logit_scale").get(0, 0)).isEqualTo((float) logitScale);
            assertThat(model.tensor("visual.conv1.weight").rows()).isEqualTo(visionWidth);
            assertThat(model.tensor("visual.conv1.weight").cols()).isEqualTo(3 * 16 * 16);
            assertThat(model.tensor("visual.class_embedding").rows()).isEqualTo(1);

            TokenizerData tok = model.tokenizer();
            assertThat(tok.merges()).hasSize(48894);
            assertThat(tok.merges().getFirst()).isEqualTo("i n");
            assertThat(tok.vocabulary()).hasSize(49408);
            assertThat(tok.vocabulary().get(0)).isEqualTo("!");
            assertThat(tok.vocabulary().get(256)).isEqualTo("!</w>");
            assertThat(tok.vocabulary().get(512)).isEqualTo("in");
            assertThat(tok.sotId()).isEqualTo(49406);
            assertThat(tok.eotId()).isEqualTo(49407);
            assertThat(tok.vocabulary().get(49406)).isEqualTo("<start_of_text>");
            assertThat(tok.vocabulary().get(49407)).isEqualTo("<end_of_text>");

            Provenance p = model.provenance();
            assertThat(p.sourceFile()).isEqualTo("open_clip_pytorch_model.bin");
            assertThat(p.sourceSha256()).isEqualTo(sourceSha256);
            assertThat(p.sourceFormat()).isEqualTo("pytorch-zip");
            assertThat(p.converterVersion()).startsWith("tca4j-convert");
        }
    }
}
