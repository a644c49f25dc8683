package org.tca4j.vit.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tca4j.core.testing.Npy;
import org.tca4j.core.testing.TestData;
import org.tca4j.vit.config.PreprocessConfig;

/**
 * The eval transform against open_clip 2.32 on Pillow 9.4: {@code pixels_uint8.npy} (after resize, crop and
 * {@code convert('RGB')}) must match exactly, and {@code pixels.npy} bit for bit.
 */
class PreprocessGoldenTest {
    /** The golden images in MANIFEST order; index 6 is the JPEG. */
    private static final List<String> IMAGES = List.of("astronaut.png", "chelsea.png", "coffee.png", "camera.png",
            "Minduka_Present_Blue_Pack.png", "motorcycle_left.png", "grace_hopper.jpg", "horse.png");
    private static final int JPEG = 6;
    private static final int SIZE = 224;
    private static final int PIXELS = SIZE * SIZE * 3;

    private final ImagePreprocessor preprocessor = new ImagePreprocessor(PreprocessConfig.openai(SIZE));

    private static PilImage image(int index) throws ImageInputException {
        return ImageDecoder.decode(TestData.path("openclip/images/" + IMAGES.get(index)), Long.MAX_VALUE);
    }

    /** Pillow's decode of the JPEG, as the golden recorded it: RGB 512×600. */
    private static PilImage pillowJpeg() {
        Npy npy = TestData.npy("openclip/inputs/jpeg_decoded_6.npy");
        assertThat(npy.shape()).containsExactly(600, 512, 3);
        byte[] rgb = new byte[npy.data().remaining()];
        npy.data().duplicate().get(rgb);
        return PilImage.of(PilImage.Mode.RGB, 512, 600, rgb);
    }

    private static byte[] goldenUint8(int index) {
        Npy npy = TestData.npy("openclip/inputs/pixels_uint8.npy");
        assertThat(npy.shape()).containsExactly(8, SIZE, SIZE, 3);
        byte[] out = new byte[PIXELS];
        npy.data().duplicate().position(index * PIXELS).get(out);
        return out;
    }

    private static String firstDifference(byte[] expected, byte[] actual) {
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                int p = i / 3;
                return "first difference at row " + p / SIZE + " col " + p % SIZE + " channel " + i % 3 + ": expected "
                        + (expected[i] & 0xFF) + ", got " + (actual[i] & 0xFF);
            }
        }
        return "none";
    }

    @Test
    void pngImagesResizeCropAndConvertExactlyAsPillow() throws ImageInputException {
        for (int i = 0; i < IMAGES.size(); i++) {
            PilImage source = i == JPEG ? pillowJpeg() : image(i);
            byte[] actual = preprocessor.resizeCropRgb(source);
            byte[] expected = goldenUint8(i);
            assertThat(Arrays.equals(expected, actual)).as("image %d %s (%s): %s", i, IMAGES.get(i), source.mode(),
                    firstDifference(expected, actual)).isTrue();
        }
    }

    @Test
    void decodedModesAreThoseOfPillow() throws ImageInputException {
        // MANIFEST images[].mode: RGB, RGB, RGB, L, RGBA, RGB, RGB, RGBA.
        List<PilImage.Mode> expected = List.of(PilImage.Mode.RGB, PilImage.Mode.RGB, PilImage.Mode.RGB,
                PilImage.Mode.L, PilImage.Mode.RGBA, PilImage.Mode.RGB, PilImage.Mode.RGB, PilImage.Mode.RGBA);
        for (int i = 0; i < IMAGES.size(); i++) {
            assertThat(image(i).mode()).as("image %d %s", i, IMAGES.get(i)).isEqualTo(expected.get(i));
        }
    }

    @Test
    void normalisedPixelsMatchBitForBit() throws ImageInputException {
        Npy npy = TestData.npy("openclip/inputs/pixels.npy");
        assertThat(npy.shape()).containsExactly(8, 3, SIZE, SIZE);
        float[] golden = npy.floats();
        for (int i = 0; i < IMAGES.size(); i++) {
            float[] actual = preprocessor.preprocess(i == JPEG ? pillowJpeg() : image(i));
            float[] expected = Arrays.copyOfRange(golden, i * PIXELS, (i + 1) * PIXELS);
            for (int k = 0; k < PIXELS; k++) {
                if (Float.floatToRawIntBits(expected[k]) != Float.floatToRawIntBits(actual[k])) {
                    throw new AssertionError("image " + i + " element " + k + " (channel " + k / (SIZE * SIZE)
                            + "): expected " + expected[k] + ", got " + actual[k]);
                }
            }
        }
    }

    @Test
    void imageIoJpegDecodeIsCloseToPillowsLibjpegTurbo() throws ImageInputException {
        byte[] pillow = pillowJpeg().samples();
        PilImage ours = image(JPEG);
        assertThat(ours.mode()).isEqualTo(PilImage.Mode.RGB);
        assertThat(ours.width()).isEqualTo(512);
        assertThat(ours.height()).isEqualTo(600);
        int maxDiff = 0;
        long differing = 0, sum = 0;
        for (int i = 0; i < pillow.length; i++) {
            int d = Math.abs((pillow[i] & 0xFF) - (ours.samples()[i] & 0xFF));
            maxDiff = Math.max(maxDiff, d);
            differing += d > 0 ? 1 : 0;
            sum += d;
        }
        System.out.printf("JPEG ImageIO vs Pillow: max |diff| %d, %d of %d samples differ, mean |diff| %.4f%n",
                maxDiff, differing, pillow.length, (double) sum / pillow.length);
        // Measured with JDK 25's libjpeg 6b against Pillow 9.4's libjpeg-turbo; a decoder bug gives tens or more.
        assertThat(maxDiff).isLessThanOrEqualTo(4);
    }
}
