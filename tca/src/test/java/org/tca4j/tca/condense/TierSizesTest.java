package org.tca4j.tca.condense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The reference's tier formula gives the token schedules of the research notes (section 4). */
class TierSizesTest {
    @Test
    void schedulesOfThePresets() {
        assertThat(schedule(0.035)).containsExactly(197, 182, 167, 155);
        assertThat(schedule(0.038)).containsExactly(197, 179, 164, 149);
        assertThat(schedule(0.105)).containsExactly(197, 140, 101, 74);
        assertThat(schedule(0.1)).containsExactly(197, 143, 104, 77);
    }

    @Test
    void blockThreeAtTheDefaultRate() {
        TierSizes t = TierSizes.of(197, 0.035);
        assertThat(t).isEqualTo(new TierSizes(197, 176, 14, 6));
        assertThat(t.left()).isEqualTo(190);
    }

    @Test
    void tooHighARateIsRejected() {
        assertThatThrownBy(() -> TierSizes.of(197, 0.4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("merge band");
    }

    private static int[] schedule(double rate) {
        int[] n = new int[4];
        n[0] = 197;
        for (int i = 1; i < 4; i++) {
            n[i] = TierSizes.of(n[i - 1], rate).rowsOut(4);
        }
        return n;
    }
}
