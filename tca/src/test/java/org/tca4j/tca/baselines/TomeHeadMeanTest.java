package org.tca4j.tca.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tca4j.core.tensor.FloatMatrix;

class TomeHeadMeanTest {
    @Test
    void averagesTheHeadsRowByRowInHeadOrder() {
        // two heads over 2 tokens: rows 0-1 head 0, rows 2-3 head 1
        FloatMatrix perHead = FloatMatrix.wrap(new float[] {
            0.75f, 0.25f,
            0.5f, 0.5f,
            0.25f, 0.75f,
            1f, 0f,
        }, 4, 2);
        FloatMatrix mean = TomeCondenser.headMean(perHead, 2, 2);
        assertThat(mean.toArray()).containsExactly(0.5f, 0.5f, 0.75f, 0.25f);
    }

    @Test
    void refusesAPassThatDidNotHandOverEveryRow() {
        assertThatThrownBy(() -> TomeCondenser.headMean(null, 12, 197))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("wantsAllAttention");
        assertThatThrownBy(() -> TomeCondenser.headMean(FloatMatrix.allocate(12, 198), 12, 197))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[2364, 197]");
    }

    @Test
    void asksForAllRowsOnlyAtItsMergeBlocksAndOnlyWithoutAProbe() {
        TomeCondenser fromPass = new TomeCondenser(0.1, List.of(3, 6, 9), 12);
        assertThat(fromPass.wantsAllAttention(3)).isTrue();
        assertThat(fromPass.wantsAllAttention(4)).isFalse();
        TomeCondenser fromProbe = new TomeCondenser(0.1, List.of(3), (layer, n) -> FloatMatrix.allocate(n, n));
        assertThat(fromProbe.wantsAllAttention(3)).isFalse();
    }
}
