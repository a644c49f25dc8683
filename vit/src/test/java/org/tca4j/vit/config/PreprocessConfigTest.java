package org.tca4j.vit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The interpolation names a config may carry: exactly open_clip's. */
class PreprocessConfigTest {
    private static PreprocessConfig withInterpolation(String interpolation) {
        return new PreprocessConfig(16, interpolation, PreprocessConfig.OPENAI_MEAN, PreprocessConfig.OPENAI_STD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bicubic", "bilinear", "random"})
    void openClipsNamesAreAccepted(String name) {
        assertThat(withInterpolation(name).interpolation()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lanczos", "nearest", "bicubc", "Bicubic", ""})
    void anyOtherNameIsRefusedNamingItAndTheAcceptedOnes(String name) {
        // Pillow and torchvision know 'lanczos' and 'nearest', but open_clip asserts on its three names, case and all.
        assertThatThrownBy(() -> withInterpolation(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interpolation '" + name + "' is not supported (open_clip accepts only bicubic, bilinear, random)");
    }

    @Test
    void aMissingNameIsRefused() {
        assertThatThrownBy(() -> withInterpolation(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interpolation missing (open_clip accepts only bicubic, bilinear, random)");
    }
}
