package org.tca4j.tca.shift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tca4j.core.testing.Npy;
import org.tca4j.core.testing.TestData;
import org.tca4j.tca.data.ByteImage;

/** The deterministic corruptions against NumPy / SciPy / Pillow goldens (testdata/shift, made by its script). */
class CorruptionGoldenTest {
    private static ByteImage[] images(String kind) {
        Npy npy = TestData.npy("shift/" + kind + "_u8.npy");
        int[] s = npy.shape();
        long[] v = npy.longs();
        int per = s[1] * s[2] * s[3];
        ByteImage[] out = new ByteImage[s[0]];
        for (int i = 0; i < s[0]; i++) {
            byte[] p = new byte[per];
            for (int k = 0; k < per; k++) {
                p[k] = (byte) v[i * per + k];
            }
            out[i] = new ByteImage(s[2], s[1], s[3], p);
        }
        return out;
    }

    /** Compares every severity and image; returns the largest absolute difference seen. */
    private static int maxDifference(Corruption c, String name, SeverityTable table, String kind) {
        ByteImage[] in = images(kind);
        Npy golden = TestData.npy("shift/" + name + "_" + table.name().toLowerCase() + "_" + kind + ".npy");
        long[] g = golden.longs();
        int per = in[0].samples();
        int worst = 0;
        for (int s = 1; s <= 5; s++) {
            for (int i = 0; i < in.length; i++) {
                ByteImage out = c.apply(in[i], s, table, new SplittableRandom(0));
                for (int k = 0; k < per; k++) {
                    int expected = (int) g[((s - 1) * in.length + i) * per + k];
                    worst = Math.max(worst, Math.abs(out.sample(k) - expected));
                }
            }
        }
        return worst;
    }

    @Test
    void contrastIsExactlyTheReferenceFormulaRoundedBackToEightBits() {
        for (SeverityTable t : SeverityTable.values()) {
            assertThat(maxDifference(Corruption.CONTRAST, "contrast", t, "gray")).as("gray %s", t).isZero();
            assertThat(maxDifference(Corruption.CONTRAST, "contrast", t, "rgb")).as("rgb %s", t).isZero();
        }
    }

    @Test
    void pixelateMatchesPillowsBoxResizeExactly() {
        for (SeverityTable t : SeverityTable.values()) {
            assertThat(maxDifference(Corruption.PIXELATE, "pixelate", t, "gray")).as("gray %s", t).isZero();
            assertThat(maxDifference(Corruption.PIXELATE, "pixelate", t, "rgb")).as("rgb %s", t).isZero();
        }
    }

    @Test
    void defocusBlurMatchesTheDiskFilterExactly() {
        for (SeverityTable t : SeverityTable.values()) {
            assertThat(maxDifference(Corruption.DEFOCUS_BLUR, "defocus", t, "gray")).as("gray %s", t).isZero();
            assertThat(maxDifference(Corruption.DEFOCUS_BLUR, "defocus", t, "rgb")).as("rgb %s", t).isZero();
        }
    }

    @Test
    void jpegMatchesPillowsEncoderAndDecoder() {
        for (SeverityTable t : SeverityTable.values()) {
            assertThat(maxDifference(Corruption.JPEG_COMPRESSION, "jpeg", t, "gray")).as("gray %s", t).isZero();
            assertThat(maxDifference(Corruption.JPEG_COMPRESSION, "jpeg", t, "rgb")).as("rgb %s", t).isZero();
        }
    }

    @Test
    void severityTablesHoldTheReferenceParameters() {
        assertThat(Corruption.GAUSSIAN_NOISE.parameters(3, SeverityTable.IMAGENET_C)).containsExactly(0.18);
        assertThat(Corruption.IMPULSE_NOISE.parameters(3, SeverityTable.IMAGENET_C)).containsExactly(0.09);
        assertThat(Corruption.CONTRAST.parameters(3, SeverityTable.IMAGENET_C)).containsExactly(0.2);
        assertThat(Corruption.SHOT_NOISE.parameters(5, SeverityTable.CIFAR_10_C)).containsExactly(50);
        assertThat(Arrays.stream(Corruption.values()).map(Corruption::label)).contains("gaussian_noise",
                "shot_noise", "impulse_noise", "defocus_blur", "contrast", "brightness", "pixelate", "jpeg_compression");
    }
}
