package org.tca4j.core.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tca4j.core.testing.Numerics.assertBitExact;
import static org.tca4j.core.testing.Numerics.assertWithinUlpsOfScale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tca4j.core.flops.FlopCounter;
import org.tca4j.core.simd.Simd;
import org.tca4j.core.testing.Seeded;
import org.tca4j.core.tensor.FloatMatrix;

/** {@link Elementwise} and {@link Gather}: one float operation per lane, so exact bits against plain Java. */
@Tag("kernels")
class ElementwiseAndGatherTest {
    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"1, 1", "3, 7", "1, 17", "7, 63", "2, 65", "197, 768"})
    void residualBiasAndScaleAreExact(int rows, int cols) {
        long seed = 7L * rows + cols;
        String what = Simd.describe() + ", " + rows + "×" + cols + " seed " + seed;
        FloatMatrix x = Seeded.matrix(seed, rows, cols), y = Seeded.matrix(seed + 1, rows, cols);
        FloatMatrix bias = Seeded.matrix(seed + 2, 1, cols);
        float s = 0.37f;
        float[] expected = x.toArray();
        for (int i = 0; i < expected.length; i++) {
            expected[i] = ((expected[i] + y.at(i)) + bias.at(i % cols)) * s;
        }
        Seeded.Guarded view = Seeded.insideGuards(x, 1);
        Elementwise.addInPlace(view.view(), Seeded.insideGuards(y, 2).view());
        Elementwise.addRowInPlace(view.view(), bias);
        Elementwise.scaleInPlace(view.view(), s);
        assertBitExact(expected, view.view().toArray(), what);
        view.assertGuardsIntact(what);
    }

    @Test
    void elementwiseRejectsShapeMismatch() {
        assertThatThrownBy(() -> Elementwise.addInPlace(FloatMatrix.allocate(2, 3), FloatMatrix.allocate(3, 2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Elementwise.addRowInPlace(FloatMatrix.allocate(2, 3), FloatMatrix.allocate(1, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bias");
    }

    @Test
    void rowGatherCopiesRowsAndRejectsBadIndices() {
        FloatMatrix x = Seeded.matrix(3, 6, 17);
        int[] idx = {5, 0, 0, 3};
        Seeded.Guarded out = Seeded.zerosInsideGuards(4, 17, 1);
        Gather.rows(Seeded.insideGuards(x, 2).view(), idx, out.view());
        for (int i = 0; i < idx.length; i++) {
            assertBitExact(x.rowArray(idx[i]), out.view().rowArray(i), "row " + i + ", seed 3");
        }
        out.assertGuardsIntact("row gather");
        assertThatThrownBy(() -> Gather.rows(x, new int[] {6}, FloatMatrix.allocate(1, 17)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row index 6");
    }

    /** A plan: out row i takes (i % 3) + 1 sources, some repeated, with weights that do not sum to one. */
    private static SparseRows plan(long seed, int outRows, int inRows) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int[] start = new int[outRows + 1];
        for (int i = 0; i < outRows; i++) {
            start[i + 1] = start[i] + i % 3 + 1;
        }
        int[] src = new int[start[outRows]];
        float[] w = new float[src.length];
        for (int j = 0; j < src.length; j++) {
            src[j] = r.nextInt(inRows);
            w[j] = (float) r.nextDouble(-1, 1);
        }
        return new SparseRows(inRows, start, src, w);
    }

    @ParameterizedTest(name = "{0} ← {1} rows of {2}")
    @CsvSource({"1, 1, 1", "3, 7, 17", "7, 10, 63", "17, 197, 65", "33, 197, 768"})
    void weightedGatherIsExactAgainstTheScalarDefinition(int outRows, int inRows, int cols) {
        long seed = 13L * outRows + inRows + cols;
        String what = outRows + "←" + inRows + "×" + cols + " seed " + seed;
        FloatMatrix x = Seeded.matrix(seed, inRows, cols);
        SparseRows plan = plan(seed + 1, outRows, inRows);
        FloatMatrix scalar = FloatMatrix.allocate(outRows, cols);
        Gather.scalarWeightedRows(x, plan, scalar);

        double[] exact = new double[outRows * cols];
        float[] exactFloat = new float[exact.length], magnitude = new float[exact.length];
        for (int i = 0; i < outRows; i++) {
            for (int c = 0; c < cols; c++) {
                double acc = 0, mag = 0;
                for (int j = plan.rowStart()[i]; j < plan.rowStart()[i + 1]; j++) {
                    acc += (double) plan.weight()[j] * x.get(plan.src()[j], c);
                    mag += Math.abs((double) plan.weight()[j] * x.get(plan.src()[j], c));
                }
                exactFloat[i * cols + c] = (float) acc;
                magnitude[i * cols + c] = (float) mag;
            }
        }
        // at most 3 sources: 2 roundings per source, each at most half an ulp of the sum of magnitudes
        assertWithinUlpsOfScale(exactFloat, scalar.toArray(), magnitude, 4, "scalar vs double, " + what);

        Seeded.Guarded out = Seeded.zerosInsideGuards(outRows, cols, 2);
        Gather.weightedRows(Seeded.insideGuards(x, 1).view(), plan, out.view());
        assertBitExact(scalar.toArray(), out.view().toArray(), Simd.describe() + " vs scalar, " + what);
        out.assertGuardsIntact(what);
    }

    @Test
    void identityPlanCopiesAndGathersCountAsElementwiseWork() {
        FloatMatrix x = Seeded.matrix(8, 5, 9), out = FloatMatrix.allocate(5, 9);
        FlopCounter counter = new FlopCounter();
        FlopCounter.measure(counter, () -> Gather.weightedRows(x, SparseRows.identity(5), out));
        assertBitExact(x.toArray(), out.toArray(), "identity plan, seed 8");
        assertThat(counter.macs()).isZero();
        assertThat(counter.flops()).isEqualTo(2L * 5 * 9);
    }

    @Test
    void malformedPlansAreRejected() {
        assertThatThrownBy(() -> new SparseRows(3, new int[] {0, 2}, new int[] {0, 3}, new float[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source row 3");
        assertThatThrownBy(() -> Gather.weightedRows(FloatMatrix.allocate(4, 2), SparseRows.identity(3),
                FloatMatrix.allocate(3, 2))).isInstanceOf(IllegalArgumentException.class);
    }
}
