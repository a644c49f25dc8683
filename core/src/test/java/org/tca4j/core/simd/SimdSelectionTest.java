package org.tca4j.core.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Each surefire execution really runs the kernels at the width it names. */
@Tag("kernels")
class SimdSelectionTest {
    @Test
    void theSelectedWidthIsTheOneAskedFor() {
        String bits = System.getProperty(Simd.PROPERTY);
        if (bits == null) {
            assertThat(Simd.ENABLED).as(Simd.describe()).isTrue();
        } else if (bits.equals("0")) {
            assertThat(Simd.ENABLED).as(Simd.describe()).isFalse();
            assertThat(Simd.lanes()).isEqualTo(1);
        } else {
            assertThat(Simd.F.vectorBitSize()).as(Simd.describe()).isEqualTo(Integer.parseInt(bits));
        }
        assertThatThrownBy(() -> Simd.choose("100")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tca4j.vectorBits");
    }
}
