package org.tca4j.vit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.vit.config.Activation;

class TextTransformerTest {
    private static final long SEED = 5;
    private final Clip clip = TinyModels.clip(TinyModels.config(Activation.QUICK_GELU), SEED);

    @Test
    void batchEqualsSingleTextsAndIdsAfterTheEndDoNotMatter() {
        int[][] tokens = {TinyModels.tokens(16, 3, SEED), TinyModels.tokens(16, 14, SEED + 1)};
        FloatMatrix batch = clip.encodeTexts(tokens);
        for (int t = 0; t < 2; t++) {
            assertThat(batch.rowArray(t)).containsExactly(clip.text().encode(tokens[t], ForwardTrace.NONE));
        }
        int[] padded = tokens[0].clone();
        padded[10] = 7;
        assertThat(clip.text().encode(padded, ForwardTrace.NONE)).containsExactly(batch.rowArray(0));
        assertThat(batch.rowArray(0)).isNotEqualTo(batch.rowArray(1));
    }

    @Test
    void stackedPassesAcrossSeveralChunksGiveTheBitsOfOneTextAtATime() {
        int count = 80;
        int[][] tokens = new int[count][];
        int rows = 0;
        for (int t = 0; t < count; t++) {
            tokens[t] = TinyModels.tokens(16, t % 15, SEED + t);   // 2 to 16 rows each
            rows += t % 15 + 2;
        }
        assertThat(rows).as("rows in all").isGreaterThan(2 * TextTransformer.STACK_ROWS);
        FloatMatrix stacked = clip.encodeTexts(tokens);
        for (int t = 0; t < count; t++) {
            assertThat(stacked.rowArray(t)).as("text %d, seed %d", t, SEED + t)
                    .containsExactly(clip.text().encode(tokens[t], ForwardTrace.NONE));
        }
    }

    @Test
    void poolsAtTheFirstLargestId() {
        assertThat(TextTransformer.firstArgmax(new int[] {98, 5, 99, 3, 99, 0})).isEqualTo(2);
        assertThat(TextTransformer.firstArgmax(new int[] {0, 0, 0})).isZero();
    }

    @Test
    void rejectsBadTokenArrays() {
        assertThatThrownBy(() -> clip.text().encode(new int[5], ForwardTrace.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 ids");
        int[] ids = TinyModels.tokens(16, 2, SEED);
        ids[1] = 100;
        assertThatThrownBy(() -> clip.text().encode(ids, ForwardTrace.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("position 1");
    }

    @Test
    void zeroShotClassesAreNormalizedMeansOfNormalizedPrompts() {
        FloatMatrix prompts = FloatMatrix.wrap(new float[] {3, 0, 0, 4, 1, 1}, 3, 2);
        ZeroShotClassifier zs = ZeroShotClassifier.fromPromptFeatures(List.of("a"), prompts, 3, 10f);
        // normalized prompts (1,0), (0,1), (.7071,.7071); mean (.569,.569); normalized (.7071,.7071)
        FloatMatrix e = zs.classEmbeddings();
        assertThat(e.get(0, 0)).isCloseTo(0.70710677f, offset(1e-6f));
        assertThat(e.get(0, 1)).isCloseTo(0.70710677f, offset(1e-6f));
        assertThat(zs.logits(FloatMatrix.wrap(new float[] {2, 0}, 1, 2)).get(0, 0))
                .isCloseTo(7.0710678f, offset(1e-5f));
    }

    @Test
    void zeroShotBuildsFromTheTextTower() {
        List<String> classes = List.of("cat", "dog", "car");
        List<String> templates = List.of("a photo of a {}.", "a {}");
        ZeroShotClassifier zs = ZeroShotClassifier.build(clip, classes, templates,
                text -> TinyModels.tokens(16, text.length() % 13, text.hashCode()));
        FloatMatrix image = clip.encodeImages(TinyModels.images(1, 32, SEED));
        float[] p = zs.probabilities(image.rowArray(0));
        assertThat(p).hasSize(3);
        double sum = 0;
        for (float v : p) {
            sum += v;
        }
        assertThat(sum).isCloseTo(1.0, offset(1e-5));
        FloatMatrix manual = FloatMatrix.allocate(6, 16);
        for (int i = 0; i < 6; i++) {
            String text = templates.get(i % 2).replace("{}", classes.get(i / 2));
            manual.rowView(i).copyFrom(FloatMatrix.row(clip.text().encode(
                    TinyModels.tokens(16, text.length() % 13, text.hashCode()), ForwardTrace.NONE)));
        }
        ZeroShotClassifier expected = ZeroShotClassifier.fromPromptFeatures(classes, manual, 2, clip.logitScaleExp());
        assertThat(zs.classEmbeddings().toArray()).containsExactly(expected.classEmbeddings().toArray());
    }
}
