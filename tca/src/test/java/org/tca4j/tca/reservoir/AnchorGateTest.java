package org.tca4j.tca.reservoir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.condense.TcaCondenser;
import org.tca4j.tca.config.AnchorGate;
import org.tca4j.tca.config.TcaConfig;

/** When the class means become anchors, and which class a pass then uses, on hand-computed 2-d tokens. */
class AnchorGateTest {
    @Test
    void anyClassOpensWithTheFirstEntryAndChoosesAmongTheClassesThatHoldEntries() {
        TokenReservoir reservoir = new TokenReservoir(3, 4);
        reservoir.insert(1, entry(0, 0.5f, 1, 0, 0, 1));                     // layer 0: (1, 0), layer 1: (0, 1)
        assertThat(reservoir.anchorCache(AnchorGate.EVERY_CLASS_TWO)).isNull();
        assertThat(reservoir.anchorCache(AnchorGate.NEVER)).isNull();
        AnchorCache one = reservoir.anchorCache(AnchorGate.ANY_CLASS);
        assertThat(one).isNotNull();
        assertThat(new boolean[] {one.has(0), one.has(1), one.has(2)}).containsExactly(false, true, false);
        assertThat(one.mean(1, 0)).containsExactly(1f, 0f);
        assertThat(one.nearest(0, new float[] {0f, 1f})).as("the only class present").isEqualTo(1);

        reservoir.insert(2, entry(1, 0.2f, 0, 1, 1, 0));
        reservoir.insert(2, entry(2, 0.3f, 0, 3, 3, 0));                     // class 2 mean: (0, 2), (2, 0)
        assertThat(reservoir.anchorCache(AnchorGate.EVERY_CLASS_TWO)).as("class 0 is still empty").isNull();
        AnchorCache two = reservoir.anchorCache(AnchorGate.ANY_CLASS);
        assertThat(two.mean(2, 0)).containsExactly(0f, 2f);
        float[] token = {0.2f, 1f};
        // layer 0: cos to (1, 0) = 0.196, to (0, 2) = 0.981; layer 1: cos to (0, 1) = 0.981, to (2, 0) = 0.196
        assertThat(two.cosines(0, token)[0]).isNaN();
        assertThat(two.cosines(0, token)[2]).isCloseTo(0.98058f, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(two.nearest(0, token)).isEqualTo(2);
        assertThat(two.nearest(1, token)).isEqualTo(1);

        // a condensation at block 1 takes the anchor at layer 0: class 2's mean there, as one context row
        TcaCondenser condenser = new TcaCondenser(TcaConfig.defaults().withLayers(List.of(1))
                .withAnchorGate(AnchorGate.ANY_CLASS), two, null);
        FloatMatrix x = FloatMatrix.wrap(new float[] {0.2f, 1f, 5f, 5f}, 2, 2);
        assertThat(condenser.contextTokens(1, x).toArray()).containsExactly(0f, 2f);
        assertThat(condenser.anchorClasses()).containsExactly(2);
    }

    @Test
    void everyClassTwoOpensOnlyWhenEveryClassHoldsTwo() {
        TokenReservoir reservoir = new TokenReservoir(2, 4);
        reservoir.insert(0, entry(0, 0.1f, 1, 0, 0, 1));
        reservoir.insert(0, entry(1, 0.1f, 1, 0, 0, 1));
        reservoir.insert(1, entry(2, 0.1f, 0, 1, 1, 0));
        assertThat(reservoir.anchorCache(AnchorGate.EVERY_CLASS_TWO)).isNull();
        reservoir.insert(1, entry(3, 0.1f, 0, 1, 1, 0));
        AnchorCache cache = reservoir.anchorCache(AnchorGate.EVERY_CLASS_TWO);
        assertThat(cache).isNotNull();
        assertThat(cache.nearest(0, new float[] {0f, 1f})).isEqualTo(1);
    }

    /** An entry of two layers of 2-d tokens: {@code (a, b)} at layer 0, {@code (c, d)} at layer 1. */
    private static ReservoirEntry entry(long id, float entropy, float a, float b, float c, float d) {
        return new ReservoirEntry(id, FloatMatrix.wrap(new float[] {a, b, c, d}, 2, 2), entropy);
    }
}
