package org.tca4j.tca.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tca4j.core.kernels.Linear;
import org.tca4j.core.tensor.FloatMatrix;

class GemmCheckTest {
    private static final long SEED = 20240611L;

    @Test
    void scalarProductHasTheBitsOfTheScalarDefinition() {
        FloatMatrix x = GemmCheck.random(7, 65, SEED), w = GemmCheck.random(17, 65, SEED + 1);
        FloatMatrix y = GemmCheck.scalarProduct(x, w);
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 17; j++) {
                assertThat(y.get(i, j)).as("(%d, %d), seed %d", i, j, SEED).isEqualTo(GemmCheck.twin(x, w, i, j));
            }
        }
    }

    @Test
    void acceptsRoundingAndRejectsAWrongProduct() {
        FloatMatrix x = GemmCheck.random(9, 63, SEED), w = GemmCheck.random(13, 63, SEED + 1);
        FloatMatrix reference = GemmCheck.scalarProduct(x, w);
        FloatMatrix rounded = reference.copy();
        rounded.set(3, 4, Math.nextUp(rounded.get(3, 4)));
        GemmCheck.verifyAll("one ulp off", reference, rounded);

        FloatMatrix wrong = reference.copy();
        wrong.set(3, 4, reference.get(3, 5));
        assertThatThrownBy(() -> GemmCheck.verifyAll("swapped", reference, wrong))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("swapped").hasMessageContaining("NMSE");
        FloatMatrix transposedWeights = GemmCheck.random(13, 63, SEED + 2);
        FloatMatrix other = GemmCheck.scalarProduct(x, transposedWeights);
        assertThatThrownBy(() -> GemmCheck.verifySampled("other weights", x, w, other, 64, SEED))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("seed " + SEED);
    }

    @Test
    void driverGivesTheSameBitsOnOneAndTwoThreads() {
        FloatMatrix x = GemmCheck.random(197, 64, SEED), w = GemmCheck.random(48, 64, SEED + 1);
        Linear linear = Linear.of(w, null);
        FloatMatrix one = FloatMatrix.allocate(197, 48), two = FloatMatrix.allocate(197, 48);
        try (GemmDriver d1 = new GemmDriver(1); GemmDriver d2 = new GemmDriver(2)) {
            d1.matmul(x, linear, one);
            d2.matmul(x, linear, two);
        }
        assertThat(two.toArray()).as("seed %d", SEED).containsExactly(one.toArray());
        GemmCheck.verifyAll("driver", GemmCheck.scalarProduct(x, w), one);
    }

    @Test
    void shapesParseFromTheirLabels() {
        for (GemmShape s : GemmShape.VIT_B16) {
            assertThat(GemmShape.parse(s.label())).isEqualTo(s);
        }
        assertThat(GemmShape.parse("3x5->7")).isEqualTo(new GemmShape("custom", 3, 5, 7));
        assertThat(GemmShape.VIT_B16.getFirst().flops()).isEqualTo(2.0 * 197 * 768 * 2304);
        assertThatThrownBy(() -> GemmShape.parse("3x5")).hasMessageContaining("MxK->N");
        assertThatThrownBy(() -> GemmShape.parse("3xax->7")).hasMessageContaining("MxK->N");
    }
}
