package org.tca4j.vit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tca4j.vit.config.PreprocessConfig;
import org.tca4j.vit.image.ImageInputException.Reason;

/** The preprocessor's choices that have no Pillow golden: interpolation names and the resize size limit. */
class ImagePreprocessorTest {
    private static final long SEED = 2024;

    private static ImagePreprocessor withInterpolation(String interpolation) {
        return new ImagePreprocessor(new PreprocessConfig(16, interpolation, PreprocessConfig.OPENAI_MEAN,
                PreprocessConfig.OPENAI_STD));
    }

    /** A seeded 37×23 RGB image: resizing it to 16 px changes both sides, so the filter shows in every pixel. */
    private static PilImage seededRgb() {
        byte[] rgb = new byte[37 * 23 * 3];
        new SplittableRandom(SEED).nextBytes(rgb);
        return PilImage.of(PilImage.Mode.RGB, 37, 23, rgb);
    }

    @Test
    void randomInterpolationRunsAsBicubicLikeOpenClipsEvalTransform() throws ImageInputException {
        PilImage image = seededRgb();
        float[] bicubic = withInterpolation("bicubic").preprocess(image);
        assertThat(withInterpolation("random").preprocess(image)).as("seed %d", SEED).containsExactly(bicubic);
        // The filter does matter for this image, so the equality above is not a coincidence.
        assertThat(withInterpolation("bilinear").preprocess(image)).as("seed %d", SEED).isNotEqualTo(bicubic);
    }

    @Test
    void thinImageWhoseLongSideWouldPassIntegerRangeIsRefused() {
        // 9,600,000×1: resized so the short side is 224, the long side is 2,150,400,000 > Integer.MAX_VALUE.
        PilImage line = PilImage.of(PilImage.Mode.L, 9_600_000, 1, new byte[9_600_000]);
        var preprocessor = new ImagePreprocessor(PreprocessConfig.openai(224));
        ImageInputException e = catchThrowableOfType(ImageInputException.class, () -> preprocessor.preprocess(line));
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e.getMessage()).contains("9600000×1").contains("2150400000×224");
    }

    @Test
    void resizedImageIsHeldToThePixelLimitOnBothSidesOfIt() throws ImageInputException {
        var preprocessor = new ImagePreprocessor(PreprocessConfig.openai(224), 1_000_000);
        // 100×10 resizes to 2240×224 = 501,760 pixels: under the limit, preprocessed as usual.
        PilImage under = PilImage.of(PilImage.Mode.L, 100, 10, new byte[100 * 10]);
        assertThat(preprocessor.preprocess(under)).hasSize(3 * 224 * 224);
        // 1000×10 resizes to 22400×224 = 5,017,600 pixels: over it, refused before the resize allocates.
        PilImage over = PilImage.of(PilImage.Mode.L, 1000, 10, new byte[1000 * 10]);
        ImageInputException e = catchThrowableOfType(ImageInputException.class, () -> preprocessor.preprocess(over));
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e.getMessage()).contains("1000×10").contains("22400×224").contains("1000000 pixels");
    }
}
