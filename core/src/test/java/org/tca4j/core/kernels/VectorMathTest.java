package org.tca4j.core.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tca4j.core.testing.Numerics.assertUlps;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tca4j.core.simd.Simd;
import org.tca4j.core.testing.Seeded;

/** {@link VectorMath} at the selected width (nothing to test when the kernels are scalar: it is not used then). */
@Tag("kernels")
class VectorMathTest {
    private static final float[] SPECIAL = {
        0f, -0f, 1f, -1f, 88.7f, 88.72f, 89f, 1000f, -87f, -88f, -100f, -103.9f, -104f, -200f,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1e-30f, -1e-30f,
    };

    /** 4096 seeded inputs over exp's float range [−104, 89], then the special values. */
    private static float[] expInputs(long seed) {
        float[] wide = Seeded.uniform(seed, 4096 - SPECIAL.length, -104, 89);
        float[] x = new float[4096];
        System.arraycopy(wide, 0, x, 0, wide.length);
        System.arraycopy(SPECIAL, 0, x, wide.length, SPECIAL.length);
        return x;
    }

    @Test
    void floatExpIsWithinTwoUlpOfTheCorrectlyRoundedValue() {
        if (!Simd.ENABLED) {
            assertThat(Simd.lanes()).isEqualTo(1);
            return;
        }
        VectorSpecies<Float> f = Simd.F;
        float[] x = expInputs(61);
        float[] expected = new float[x.length], actual = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = (float) Math.exp(x[i]);
        }
        for (int i = 0; i < x.length; i += f.length()) {
            VectorMath.exp(FloatVector.fromArray(f, x, i)).intoArray(actual, i);
        }
        assertUlps(expected, actual, 2, Simd.describe() + " float exp, seed 61");
    }

    @Test
    void scalarFloatExpIsWithinTwoUlpAndGivesTheBitsOfEveryLane() {
        float[] x = expInputs(63);
        float[] expected = new float[x.length], scalar = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = (float) Math.exp(x[i]);
            scalar[i] = VectorMath.exp(x[i]);
        }
        assertUlps(expected, scalar, 2, "scalar float exp, seed 63");
        if (Simd.ENABLED) {
            float[] lanes = new float[x.length];
            for (int i = 0; i < x.length; i += Simd.F.length()) {
                VectorMath.exp(FloatVector.fromArray(Simd.F, x, i)).intoArray(lanes, i);
            }
            org.tca4j.core.testing.Numerics.assertBitExact(scalar, lanes, Simd.describe()
                    + " float exp, scalar twin vs lanes, seed 63");
        }
    }

    @Test
    void sumInOrderAddsTheLanesFromLaneZero() {
        float[] lanes = Seeded.uniform(63, 16, -1e4, 1e4);
        float sequential = 0f;
        for (float v : lanes) {
            sequential += v;
        }
        assertThat(VectorMath.sumInOrder(lanes)).isEqualTo(sequential);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 8, 16})
    void sumPairwiseAddsHalvesAsABalancedTree(int count) {
        float[] lanes = Seeded.uniform(64 + count, count, -1e4, 1e4);
        float expected = tree(lanes, 0, count);
        assertThat(VectorMath.sumPairwise(lanes.clone())).as("%d lanes, seed %d", count, 64 + count)
                .isEqualTo(expected);
        double exact = 0;
        for (float v : lanes) {
            exact += v;
        }
        assertThat((double) expected).isCloseTo(exact, within(count * 1e4 * Math.ulp(1f)));
    }

    /** The tree written as a recursion: lane i of the lower half plus lane i of the upper half, level by level. */
    private static float tree(float[] lanes, int from, int count) {
        if (count == 1) {
            return lanes[from];
        }
        float[] folded = new float[count / 2];
        for (int i = 0; i < count / 2; i++) {
            folded[i] = lanes[from + i] + lanes[from + i + count / 2];
        }
        return tree(folded, 0, count / 2);
    }
}
