package org.tca4j.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NpyTest {
    @Test
    void readsTheGoldenTokensWithTheirShapeAndKnownIds() {
        Npy tokens = TestData.npy("openclip/inputs/tokens.npy");
        assertThat(tokens.dtype()).isEqualTo("i8");
        assertThat(tokens.shape()).containsExactly(28, 77);
        long[] ids = tokens.longs();
        assertThat(ids[0]).isEqualTo(49406); // <start_of_text> opens every row
        assertThat(ids[77]).isEqualTo(49406);
    }

    @Test
    void readsFloatGoldens() {
        Npy pixels = TestData.npy("openclip/inputs/pixels_uint8.npy");
        assertThat(pixels.shape()).containsExactly(8, 224, 224, 3);
        Npy features = TestData.npy("openclip/models/tiny-gelu/outputs/image_features.npy");
        assertThat(features.shape()).containsExactly(8, 64);
        float[] values = features.floats();
        assertThat(values).hasSize(8 * 64);
        for (float v : values) {
            assertThat(Float.isFinite(v)).as("finite feature").isTrue();
        }
    }
}
