package org.tca4j.vit.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.vit.config.Activation;
import org.tca4j.vit.config.ClipConfig;
import org.tca4j.vit.config.PreprocessConfig;
import org.tca4j.vit.config.TextConfig;
import org.tca4j.vit.config.VisionConfig;

class WeightLoaderTest {
    private static final ClipConfig TINY = new ClipConfig(
            new VisionConfig(224, 16, 128, 12, 2, 512, Activation.GELU, 1e-5f),
            new TextConfig(77, 49408, 64, 1, 3, 256, Activation.GELU, 1e-5f),
            64, PreprocessConfig.openai(224));

    /** A source that hides one key or serves one tensor with another shape. */
    private record Tampered(TensorSource base, String key, FloatMatrix replacement) implements TensorSource {
        @Override
        public ClipConfig config() {
            return base.config();
        }

        @Override
        public FloatMatrix tensor(String k) {
            if (!k.equals(key)) {
                return base.tensor(k);
            }
            if (replacement == null) {
                throw new IllegalArgumentException("no tensor " + k);
            }
            return replacement;
        }

        @Override
        public String toString() {
            return "tampered.tca4j";
        }
    }

    @Test
    void listsEveryKeyOfTheGoldenTinyModel() {
        Map<String, int[]> shapes = WeightLoader.expectedShapes(TINY);
        // MANIFEST.json: tiny-gelu has 194 state-dict tensors.
        assertThat(shapes).hasSize(194);
        assertThat(shapes.get("visual.conv1.weight")).containsExactly(128, 768);
        assertThat(shapes.get("visual.positional_embedding")).containsExactly(197, 128);
        assertThat(shapes.get("visual.transformer.resblocks.11.attn.in_proj_weight")).containsExactly(384, 128);
        assertThat(shapes.get("transformer.resblocks.2.mlp.c_proj.weight")).containsExactly(64, 256);
        assertThat(shapes.get("text_projection")).containsExactly(64, 64);
    }

    @Test
    void transposesTheProjectionsOnceAndKeepsEverythingElse() {
        SyntheticWeights source = new SyntheticWeights(TINY, 3);
        ClipWeights w = WeightLoader.load(source);
        FloatMatrix proj = source.tensor("visual.proj");                              // [D, E]
        assertThat(w.visual().proj().out()).isEqualTo(64);
        assertThat(w.visual().proj().in()).isEqualTo(128);
        assertThat(w.visual().proj().weight().get(5, 100)).isEqualTo(proj.get(100, 5));
        FloatMatrix textProj = source.tensor("text_projection");
        assertThat(w.text().textProjection().weight().get(7, 2)).isEqualTo(textProj.get(2, 7));
        assertThat(w.visual().resblocks()).hasSize(12);
        assertThat(w.text().resblocks()).hasSize(3);
        assertThat(w.visual().resblocks().get(4).cFc().weight().toArray())
                .containsExactly(source.tensor("visual.transformer.resblocks.4.mlp.c_fc.weight").toArray());
        assertThat(w.logitScale()).isEqualTo(SyntheticWeights.INITIAL_LOGIT_SCALE);
    }

    @Test
    void aMissingKeyIsNamed() {
        TensorSource missing = new Tampered(new SyntheticWeights(TINY, 3), "visual.ln_post.bias", null);
        assertThatThrownBy(() -> WeightLoader.load(missing)).isInstanceOf(WeightException.class)
                .hasMessageContaining("tampered.tca4j").hasMessageContaining("visual.ln_post.bias");
    }

    @Test
    void aTransposedTensorIsRejectedWithBothShapes() {
        String key = "visual.transformer.resblocks.1.mlp.c_fc.weight";
        TensorSource wrong = new Tampered(new SyntheticWeights(TINY, 3), key, FloatMatrix.allocate(128, 512));
        assertThatThrownBy(() -> WeightLoader.load(wrong)).isInstanceOf(WeightException.class)
                .hasMessageContaining(key).hasMessageContaining("128×512").hasMessageContaining("512×128");
    }

    @Test
    void syntheticWeightsAreSeededPerKey() {
        SyntheticWeights a = new SyntheticWeights(TINY, 11);
        SyntheticWeights b = new SyntheticWeights(TINY, 11);
        SyntheticWeights c = new SyntheticWeights(TINY, 12);
        String key = "transformer.resblocks.0.attn.in_proj_weight";
        assertThat(a.tensor(key).toArray()).containsExactly(b.tensor(key).toArray());
        assertThat(a.tensor(key).toArray()).isNotEqualTo(c.tensor(key).toArray());
        float[] gains = a.tensor("ln_final.weight").toArray();
        for (float g : gains) {
            assertThat(g).isBetween(0.8f, 1.2f);
        }
        assertThatThrownBy(() -> a.tensor("visual.no_such")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void standardConfigsHaveOpenClipShapes() {
        ClipConfig l14 = OpenClipConfigs.byName("ViT-L-14");
        assertThat(l14.vision().tokens()).isEqualTo(257);
        assertThat(l14.embedDim()).isEqualTo(768);
        assertThat(OpenClipConfigs.byName("vit-b-32").vision().tokens()).isEqualTo(50);
        assertThat(OpenClipConfigs.byName("ViT-B-16-quickgelu").text().activation()).isEqualTo(Activation.QUICK_GELU);
        assertThatThrownBy(() -> OpenClipConfigs.byName("RN50")).hasMessageContaining("ViT-B-16");
    }
}
