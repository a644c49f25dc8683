package org.tca4j.tca.shift;

import java.util.random.RandomGenerator;
import org.tca4j.tca.data.ByteImage;

/**
 * The four noise corruptions of Hendrycks &amp; Dietterich ({@code make_imagenet_c.py} / {@code make_cifar_c.py},
 * github.com/hendrycks/robustness), each drawn independently per sample (per pixel and channel):
 * <ul>
 *   <li>gaussian: {@code x + N(0, c)};
 *   <li>shot: {@code Poisson(x·c) / c};
 *   <li>impulse: skimage's salt-and-pepper, a fraction {@code c} of the samples set to 0 or 1 with equal odds;
 *   <li>speckle: {@code x + x·N(0, c)}.
 * </ul>
 * x is the image in [0,1]; results are clipped to [0,1] and rounded back to 8 bits ({@link UnitSamples}).
 *
 * <p>Deviations from the reference: the random numbers come from Java's generators (seeded per image), not NumPy's, so
 * the draws differ while the distributions are the same.
 */
final class NoiseCorruptions {
    private NoiseCorruptions() {}

    static ByteImage gaussian(ByteImage image, double sigma, RandomGenerator random) {
        double[] x = UnitSamples.toUnit(image);
        for (int i = 0; i < x.length; i++) {
            x[i] += sigma * random.nextGaussian();
        }
        return UnitSamples.fromUnit(x, image);
    }

    static ByteImage shot(ByteImage image, double photons, RandomGenerator random) {
        double[] x = UnitSamples.toUnit(image);
        for (int i = 0; i < x.length; i++) {
            x[i] = Poisson.sample(x[i] * photons, random) / photons;
        }
        return UnitSamples.fromUnit(x, image);
    }

    static ByteImage impulse(ByteImage image, double amount, RandomGenerator random) {
        double[] x = UnitSamples.toUnit(image);
        for (int i = 0; i < x.length; i++) {
            if (random.nextDouble() < amount) {
                x[i] = random.nextDouble() < 0.5 ? 1.0 : 0.0;
            }
        }
        return UnitSamples.fromUnit(x, image);
    }

    static ByteImage speckle(ByteImage image, double sigma, RandomGenerator random) {
        double[] x = UnitSamples.toUnit(image);
        for (int i = 0; i < x.length; i++) {
            x[i] += x[i] * sigma * random.nextGaussian();
        }
        return UnitSamples.fromUnit(x, image);
    }
}
