package org.tca4j.vit.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.tca4j.vit.config.PreprocessConfig;

/** Modes without a Pillow golden, checked by properties that follow from Pillow's definitions. */
class PilModesTest {
    private final ImagePreprocessor preprocessor = new ImagePreprocessor(PreprocessConfig.openai(224));

    @Test
    void rawGrayArrayEqualsTheSameImageAsRgb() throws ImageInputException {
        // Fashion-MNIST-like 28×28 bytes: L is resampled per band like RGB, and convert('RGB') copies gray.
        long seed = 28;
        byte[] gray = new byte[28 * 28];
        new SplittableRandom(seed).nextBytes(gray);
        byte[] rgb = new byte[gray.length * 3];
        for (int i = 0; i < gray.length; i++) {
            rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = gray[i];
        }
        float[] fromGray = preprocessor.preprocess(PilImage.of(PilImage.Mode.L, 28, 28, gray));
        float[] fromRgb = preprocessor.preprocess(PilImage.of(PilImage.Mode.RGB, 28, 28, rgb));
        assertThat(java.util.Arrays.mismatch(fromGray, fromRgb)).as("first differing element, seed %d", seed)
                .isEqualTo(-1);
    }

    @Test
    void paletteImagesUseNearestNeighbourAndThePalette() throws ImageInputException {
        // 2×2 indices, upscaled to 224: each quadrant is one palette colour, no blending across the border.
        byte[] palette = new byte[768];
        int[][] colours = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {10, 20, 30}};
        for (int i = 0; i < 4; i++) {
            for (int c = 0; c < 3; c++) {
                palette[3 * i + c] = (byte) colours[i][c];
            }
        }
        byte[] rgb = preprocessor.resizeCropRgb(PilImage.ofPalette(2, 2, new byte[] {0, 1, 2, 3}, palette));
        String firstMismatch = null;
        for (int p = 0; p < 224 * 224 && firstMismatch == null; p++) {
            int y = p / 224, x = p % 224;
            int[] expected = colours[(y < 112 ? 0 : 2) + (x < 112 ? 0 : 1)];
            for (int c = 0; c < 3; c++) {
                if ((rgb[p * 3 + c] & 0xFF) != expected[c]) {
                    firstMismatch = "y " + y + " x " + x + " channel " + c + ": " + (rgb[p * 3 + c] & 0xFF);
                }
            }
        }
        assertThat(firstMismatch).as("first pixel off its quadrant colour").isNull();
    }

    @Test
    void sixteenBitGrayPngOpensAsModeIAndClipsLikePillow() throws IOException {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY);
        for (int i = 0; i < 16; i++) {
            image.getRaster().setSample(i % 4, i / 4, 0, i * 20); // 0..300: Pillow's I→RGB clips at 255
        }
        var png = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, "png", png)).isTrue();
        PilImage decoded = ImageDecoder.decode(png.toByteArray(), "gray16.png", 1000);
        assertThat(decoded.mode()).isEqualTo(PilImage.Mode.I);
        assertThat(decoded.intSamples()).containsExactly(0, 20, 40, 60, 80, 100, 120, 140, 160, 180, 200, 220, 240,
                260, 280, 300);
        byte[] rgb = PilConvert.cropToRgb(decoded, 0, 0, 4, 4);
        assertThat(rgb[3 * 15] & 0xFF).isEqualTo(255);
        assertThat(rgb[3 * 5] & 0xFF).isEqualTo(100);
    }

    @Test
    void pythonRoundingOfTheCropOffsetIsHalfToEven() {
        assertThat(ImagePreprocessor.roundHalfEven(24.5)).isEqualTo(24);
        assertThat(ImagePreprocessor.roundHalfEven(53.5)).isEqualTo(54);
        assertThat(ImagePreprocessor.roundHalfEven(19.0)).isEqualTo(19);
    }
}
