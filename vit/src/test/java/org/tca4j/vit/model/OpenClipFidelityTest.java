package org.tca4j.vit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tca4j.vit.model.Fidelity.assertCosine;
import static org.tca4j.vit.model.Fidelity.assertNmse;
import static org.tca4j.vit.model.Fidelity.slice;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tca4j.core.kernels.SparseRows;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.vit.condense.TokenCondenser;

/**
 * The towers against the goldens made by open_clip 2.32 (testdata/openclip/README.md): per-block taps by NMSE,
 * pooled rows and features by cosine, logits by argmax.
 */
class OpenClipFidelityTest {
    private static final double TAP_NMSE = 1e-6;
    private static final double FEATURE_COSINE = 0.99999;

    /** Copies of every tap of one pass. */
    private static final class Recorder implements ForwardTrace {
        FloatMatrix embedded;
        FloatMatrix qkv0;
        FloatMatrix pooled;
        final List<FloatMatrix> blocks = new ArrayList<>();

        @Override
        public void afterEmbed(FloatMatrix x) {
            embedded = x.copy();
        }

        @Override
        public void afterQkv(int layer, FloatMatrix qkv, int contextRows) {
            if (layer == 0) {
                qkv0 = qkv.copy();
            }
        }

        @Override
        public void afterBlock(int layer, FloatMatrix x) {
            blocks.add(x.copy());
        }

        @Override
        public void afterPool(FloatMatrix p) {
            pooled = p.copy();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-gelu", "tiny-quickgelu"})
    void visionTapsOfImageZero(String model) {
        Recorder r = new Recorder();
        FloatMatrix[] clsProbs = new FloatMatrix[1];
        TokenCondenser listener = new TokenCondenser() {
            @Override
            public boolean wantsClsAttention(int layer) {
                return layer == 0;
            }

            @Override
            public SparseRows plan(int layer, FloatMatrix x, FloatMatrix cls) {
                if (layer == 0) {
                    clsProbs[0] = cls.copy();
                }
                return null;
            }
        };
        GoldenModels.model(model).visual().encode(GoldenModels.pixels().rowView(0), listener, r);
        assertNmse(model + " vision_tokens_after_embed", r.embedded.toArray(),
                GoldenModels.output(model, "vision_tokens_after_embed"), TAP_NMSE);
        for (int b = 0; b < 12; b++) {
            assertNmse(model + " vision_block_" + b, r.blocks.get(b).toArray(),
                    GoldenModels.output(model, "vision_block_" + b), TAP_NMSE);
        }
        float[] probs = GoldenModels.output(model, "vision_attn_probs_block0_head0");
        assertNmse(model + " vision attention probs block 0 head 0",
                AttentionOracle.probs(r.qkv0, 2, 0, false), probs, TAP_NMSE);
        assertNmse(model + " vision <cls> attention row block 0 head 0", clsProbs[0].rowArray(0),
                slice(probs, 0, 197), TAP_NMSE);
        Fidelity.report(model + " vision taps");
    }

    @ParameterizedTest
    @ValueSource(strings = {"micro-gelu", "micro-quickgelu"})
    void microModelsWithHeadWidths16And4(String model) {
        Clip clip = GoldenModels.model(model);
        FloatMatrix images = clip.encodeImages(GoldenModels.pixels());
        FloatMatrix texts = clip.encodeTexts(GoldenModels.tokens());
        int e = clip.config().embedDim();
        float[] imageGolden = GoldenModels.output(model, "image_features");
        for (int i = 0; i < 8; i++) {
            assertCosine(model + " image_features " + i, images.rowArray(i), slice(imageGolden, i * e, i * e + e),
                    FEATURE_COSINE);
        }
        assertLogitsMatchGolden(model, clip, images, texts);
        Fidelity.report(model + " features, logits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-gelu", "tiny-quickgelu"})
    void pooledRowsImageFeaturesTextFeaturesAndLogits(String model) {
        Clip clip = GoldenModels.model(model);
        FloatMatrix pixels = GoldenModels.pixels();
        float[] pooledGolden = GoldenModels.output(model, "vision_pooled");
        float[] featuresGolden = GoldenModels.output(model, "image_features");
        FloatMatrix images = FloatMatrix.allocate(8, 64);
        for (int i = 0; i < 8; i++) {
            Recorder r = new Recorder();
            float[] f = clip.visual().encode(pixels.rowView(i), TokenCondenser.NONE, r).features();
            images.rowView(i).copyFrom(FloatMatrix.row(f));
            assertCosine(model + " vision_pooled " + i, r.pooled.toArray(), slice(pooledGolden, i * 128, i * 128 + 128),
                    FEATURE_COSINE);
            assertCosine(model + " image_features " + i, f, slice(featuresGolden, i * 64, i * 64 + 64), FEATURE_COSINE);
        }
        assertNmse(model + " image_features", images.toArray(), featuresGolden, TAP_NMSE);

        int[][] tokens = GoldenModels.tokens();
        float[] textPooledGolden = GoldenModels.output(model, "text_pooled");
        float[] textGolden = GoldenModels.output(model, "text_features");
        FloatMatrix texts = FloatMatrix.allocate(tokens.length, 64);
        for (int t = 0; t < tokens.length; t++) {
            Recorder r = new Recorder();
            float[] f = clip.text().encode(tokens[t], r);
            texts.rowView(t).copyFrom(FloatMatrix.row(f));
            assertCosine(model + " text_pooled " + t, r.pooled.toArray(), slice(textPooledGolden, t * 64, t * 64 + 64),
                    FEATURE_COSINE);
            assertCosine(model + " text_features " + t, f, slice(textGolden, t * 64, t * 64 + 64), FEATURE_COSINE);
        }
        assertNmse(model + " text_features", texts.toArray(), textGolden, TAP_NMSE);

        assertLogitsMatchGolden(model, clip, images, texts);
        Fidelity.report(model + " pooled, features, logits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-gelu", "tiny-quickgelu"})
    void textTapsOfTextZero(String model) {
        int[] ids = GoldenModels.tokens()[0];
        int rows = TextTransformer.firstArgmax(ids) + 1;
        Recorder r = new Recorder();
        GoldenModels.model(model).text().encode(ids, r);
        // The tower stops at the end-of-text row; no later row can influence it under the causal mask.
        assertThat(r.embedded.rows()).isEqualTo(rows);
        assertNmse(model + " text_tokens_after_embed", r.embedded.toArray(),
                slice(GoldenModels.output(model, "text_tokens_after_embed"), 0, rows * 64), TAP_NMSE);
        for (int b = 0; b < 3; b++) {
            assertNmse(model + " text_block_" + b, r.blocks.get(b).toArray(),
                    slice(GoldenModels.output(model, "text_block_" + b), 0, rows * 64), TAP_NMSE);
        }
        float[] golden = GoldenModels.output(model, "text_attn_probs_block0_head0");
        float[] goldenRows = new float[rows * rows];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(golden, i * 77, goldenRows, i * rows, rows);
        }
        assertNmse(model + " text attention probs block 0", AttentionOracle.probs(r.qkv0, 1, 0, true), goldenRows,
                TAP_NMSE);
        Fidelity.report(model + " text taps");
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The logits of the 8 golden images against the 28 golden texts: NMSE to open_clip's, and each argmax equal. */
    private static void assertLogitsMatchGolden(String model, Clip clip, FloatMatrix images, FloatMatrix texts) {
        float[] logitsGolden = GoldenModels.output(model, "logits_per_image");
        FloatMatrix logits = clip.logits(images, texts);
        assertNmse(model + " logits_per_image", logits.toArray(), logitsGolden, TAP_NMSE);
        for (int i = 0; i < 8; i++) {
            assertThat(argmax(logits.rowArray(i))).as("%s image %d argmax", model, i)
                    .isEqualTo(argmax(slice(logitsGolden, i * 28, i * 28 + 28)));
        }
    }
}
