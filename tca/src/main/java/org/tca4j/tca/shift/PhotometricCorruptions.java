package org.tca4j.tca.shift;

import org.tca4j.tca.data.ByteImage;

/**
 * Contrast and brightness as Hendrycks &amp; Dietterich define them ({@code contrast}, {@code brightness} in
 * {@code make_imagenet_c.py} / {@code make_cifar_c.py}), on the image in [0,1], clipped and rounded back to 8 bits:
 * <ul>
 *   <li>contrast: {@code (x − m)·c + m} with m the mean of each channel over the whole image;
 *   <li>brightness: in HSV, {@code V ← min(V + c, 1)}, back to RGB. Keeping hue and saturation while changing V
 *       scales the three channels by {@code V'/V} (black, V = 0, becomes gray {@code c}), which is what we compute;
 *       on a one-channel image V is the gray value itself.
 * </ul>
 *
 * <p>Deviations from the reference: brightness uses that closed form instead of skimage's {@code rgb2hsv} /
 * {@code hsv2rgb} round trip (equal up to floating-point rounding).
 */
final class PhotometricCorruptions {
    private PhotometricCorruptions() {}

    static ByteImage contrast(ByteImage image, double factor) {
        double[] x = UnitSamples.toUnit(image);
        int c = image.channels();
        int pixels = image.width() * image.height();
        for (int ch = 0; ch < c; ch++) {
            double sum = 0;
            for (int p = 0; p < pixels; p++) {
                sum += x[p * c + ch];
            }
            double mean = sum / pixels;
            for (int p = 0; p < pixels; p++) {
                x[p * c + ch] = (x[p * c + ch] - mean) * factor + mean;
            }
        }
        return UnitSamples.fromUnit(x, image);
    }

    static ByteImage brightness(ByteImage image, double shift) {
        double[] x = UnitSamples.toUnit(image);
        int c = image.channels();
        for (int p = 0; p < x.length; p += c) {
            double value = 0;
            for (int ch = 0; ch < c; ch++) {
                value = Math.max(value, x[p + ch]);
            }
            double brighter = Math.min(value + shift, 1.0);
            for (int ch = 0; ch < c; ch++) {
                x[p + ch] = value == 0 ? brighter : x[p + ch] * (brighter / value);
            }
        }
        return UnitSamples.fromUnit(x, image);
    }
}
