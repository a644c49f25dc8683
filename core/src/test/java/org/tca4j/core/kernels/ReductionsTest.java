package org.tca4j.core.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.tca4j.core.testing.Numerics.assertBitExact;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tca4j.core.simd.Simd;
import org.tca4j.core.testing.Seeded;
import org.tca4j.core.tensor.FloatMatrix;

/** {@link Reductions}: the tie rule, exact column means, and the double statistics against hand values. */
@Tag("kernels")
class ReductionsTest {
    @Test
    void argsortIsDescendingWithTiesInIndexOrder() {
        float[] v = {0.5f, 2f, -1f, 2f, 0f, -0f, 0.5f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
        assertThat(Reductions.argsortDescending(v)).containsExactly(8, 1, 3, 0, 6, 4, 5, 2, 7);
        assertThat(Reductions.topK(v, 3)).containsExactly(8, 1, 3);
        assertThat(Reductions.topK(v, 0)).isEmpty();
        assertThat(Reductions.argmax(new float[] {1, 3, 3, 2})).isEqualTo(1);
    }

    @Test
    void argsortAgreesWithAStableComparatorSort() {
        float[] v = Seeded.uniform(17, 5000, -4, 4);
        for (int i = 0; i < v.length; i += 7) {
            v[i] = Math.round(v[i]); // many ties
        }
        Integer[] boxed = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            boxed[i] = i;
        }
        java.util.Arrays.sort(boxed, (a, b) -> Float.compare(v[b], v[a]));
        int[] expected = java.util.Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
        assertThat(Reductions.argsortDescending(v)).as("seed 17").containsExactly(expected);
    }

    @Test
    void argsortRejectsNaNAndTopKRejectsABadK() {
        assertThatThrownBy(() -> Reductions.argsortDescending(new float[] {1, Float.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN at index 1");
        assertThatThrownBy(() -> Reductions.topK(new float[] {1}, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void columnMeansAreExactAgainstPlainJavaAndRowMeansAgainstDouble() {
        for (int cols : new int[] {1, 3, 17, 65, 768}) {
            long seed = 50 + cols;
            FloatMatrix x = Seeded.matrix(seed, 7, cols);
            float[] expected = new float[cols];
            for (int r = 0; r < 7; r++) {
                for (int c = 0; c < cols; c++) {
                    expected[c] += x.get(r, c);
                }
            }
            for (int c = 0; c < cols; c++) {
                expected[c] /= 7;
            }
            assertBitExact(expected, Reductions.columnMeans(Seeded.insideGuards(x, 1).view()),
                    Simd.describe() + " column means, seed " + seed);
            float[] rows = Reductions.rowMeans(x);
            for (int r = 0; r < 7; r++) {
                double s = 0;
                for (int c = 0; c < cols; c++) {
                    s += x.get(r, c);
                }
                assertThat(rows[r]).isEqualTo((float) (s / cols));
            }
        }
    }

    @Test
    void normalisationDividesEveryElementAsPlainJava() {
        for (int n : new int[] {1, 3, 17, 63, 65, 197, 768}) {
            long seed = 80 + n;
            float[] v = Seeded.matrix(seed, 1, n).toArray();
            float[] expected = v.clone();
            float norm = Math.max(Reductions.norm(v), 1e-12f);
            for (int i = 0; i < n; i++) {
                expected[i] /= norm;
            }
            Reductions.l2NormalizeInPlace(v);
            assertBitExact(expected, v, Simd.describe() + " l2 normalisation, seed " + seed);
        }
    }

    @Test
    void normalisationSimilaritySoftmaxAndEntropy() {
        float[] v = {3, 4};
        assertThat(Reductions.norm(v)).isEqualTo(5f);
        Reductions.l2NormalizeInPlace(v);
        assertThat(v).containsExactly(0.6f, 0.8f);
        float[] zero = {0, 0};
        Reductions.l2NormalizeInPlace(zero);
        assertThat(zero).containsExactly(0f, 0f);
        assertThat(Reductions.cosine(new float[] {1, 0}, new float[] {1, 1})).isCloseTo(0.70710677f, within(1e-7f));
        assertThat(Reductions.cosine(new float[] {0, 0}, new float[] {1, 1})).isZero();

        float[] p = Reductions.softmax(new float[] {1000, 1000, 1001}); // no overflow: shifted by the maximum
        assertThat(p[0]).isCloseTo((float) (1 / (2 + Math.E)), within(1e-7f));
        assertThat(p[2]).isCloseTo((float) (Math.E / (2 + Math.E)), within(1e-7f));
        assertThat(Reductions.entropy(new float[] {0.5f, 0.5f, 0f})).isCloseTo((float) Math.log(2), within(1e-7f));

        FloatMatrix rows = FloatMatrix.wrap(new float[] {3, 4, 0, 0, 1, 0}, 3, 2);
        Reductions.l2NormalizeRowsInPlace(rows);
        assertThat(rows.toArray()).containsExactly(0.6f, 0.8f, 0f, 0f, 1f, 0f);
    }
}
