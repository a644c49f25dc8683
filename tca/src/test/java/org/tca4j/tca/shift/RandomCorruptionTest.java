package org.tca4j.tca.shift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tca4j.tca.data.ByteImage;

/** The random corruptions: their statistics, their seeding, and the closed forms of brightness. */
class RandomCorruptionTest {
    private static final long SEED = 20241014L;

    private static ByteImage flat(int value, int side, int channels) {
        byte[] p = new byte[side * side * channels];
        java.util.Arrays.fill(p, (byte) value);
        return new ByteImage(side, side, channels, p);
    }

    private static double[] meanAndVariance(ByteImage image) {
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < image.samples(); i++) {
            double v = image.sample(i) / 255.0;
            sum += v;
            squares += v * v;
        }
        double mean = sum / image.samples();
        return new double[] {mean, squares / image.samples() - mean * mean};
    }

    @Test
    void gaussianNoiseHasTheTableSigmaOnMidGray() {
        ByteImage gray = flat(128, 256, 1);
        for (int s = 1; s <= 3; s++) {
            double sigma = Corruption.GAUSSIAN_NOISE.parameters(s, SeverityTable.IMAGENET_C)[0];
            ByteImage out = Corruption.GAUSSIAN_NOISE.apply(gray, s, SeverityTable.IMAGENET_C, new SplittableRandom(SEED));
            double[] mv = meanAndVariance(out);
            // 65,536 draws: the standard error of the mean is sigma/256; sigma <= .18 keeps clipping below 0.1 %
            assertThat(mv[0]).as("mean, seed %d severity %d", SEED, s).isCloseTo(128 / 255.0, within(4 * sigma / 256));
            assertThat(Math.sqrt(mv[1])).as("sd, seed %d severity %d", SEED, s).isCloseTo(sigma, within(0.02 * sigma + 0.002));
        }
    }

    @Test
    void shotNoiseIsPoissonWithTheTablesPhotonCount() {
        // severity 1 (60 and 500 photons): at x = 127/255 the counts ~ Poisson(x·c) never reach the clip at c, so
        // the result has mean x and variance x/c
        double x = 127 / 255.0;
        for (SeverityTable t : SeverityTable.values()) {
            double c = Corruption.SHOT_NOISE.parameters(1, t)[0];
            ByteImage out = Corruption.SHOT_NOISE.apply(flat(127, 256, 1), 1, t, new SplittableRandom(SEED));
            double[] mv = meanAndVariance(out);
            double variance = x / c;
            assertThat(mv[0]).as("mean %s seed %d", t, SEED).isCloseTo(x, within(4 * Math.sqrt(variance) / 256 + 0.002));
            assertThat(mv[1]).as("variance %s seed %d", t, SEED).isCloseTo(variance, within(0.05 * variance + 2e-5));
        }
        // ImageNet-C severity 5 (3 photons) clips hard: the mean is E[min(k/3, 1)] under Poisson(3x)
        double lambda = 3 * x;
        double expected = 0;
        double pmf = Math.exp(-lambda);
        for (int k = 0; k < 40; k++) {
            expected += pmf * Math.min(k / 3.0, 1.0);
            pmf *= lambda / (k + 1);
        }
        ByteImage out = Corruption.SHOT_NOISE.apply(flat(127, 256, 1), 5, SeverityTable.IMAGENET_C,
                new SplittableRandom(SEED));
        assertThat(meanAndVariance(out)[0]).as("clipped mean, seed %d", SEED).isCloseTo(expected, within(4 * 0.4 / 256));
    }

    @Test
    void poissonSamplerHasMeanAndVarianceLambdaOnBothBranches() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (double lambda : new double[] {0.7, 6, 10, 31.5, 250}) {
            int n = 200_000;
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                long k = Poisson.sample(lambda, random);
                sum += k;
                squares += (double) k * k;
            }
            double mean = sum / n;
            double variance = squares / n - mean * mean;
            assertThat(mean).as("mean λ=%s seed %d", lambda, SEED).isCloseTo(lambda, within(5 * Math.sqrt(lambda / n)));
            assertThat(variance).as("variance λ=%s seed %d", lambda, SEED).isCloseTo(lambda, within(0.03 * lambda));
        }
        assertThat(Poisson.logFactorial(25)).isCloseTo(58.00360522298052, within(1e-9));
    }

    @Test
    void impulseNoiseFlipsTheTableFractionToBlackOrWhite() {
        ByteImage gray = flat(100, 256, 3);
        ByteImage out = Corruption.IMPULSE_NOISE.apply(gray, 3, SeverityTable.IMAGENET_C, new SplittableRandom(SEED));
        int white = 0;
        int black = 0;
        for (int i = 0; i < out.samples(); i++) {
            int v = out.sample(i);
            assertThat(v).as("sample %d", i).isIn(0, 100, 255);
            white += v == 255 ? 1 : 0;
            black += v == 0 ? 1 : 0;
        }
        double n = out.samples();
        assertThat((white + black) / n).as("seed %d", SEED).isCloseTo(0.09, within(0.003));
        assertThat(white / n).as("seed %d", SEED).isCloseTo(0.045, within(0.002));
    }

    @Test
    void sameSeedAndIndexGiveTheSameNoiseWhateverTheOrder() {
        ByteImage image = flat(90, 28, 1);
        Shift shift = Shift.parse("gaussian:3", SeverityTable.IMAGENET_C);
        ByteImage a = shift.apply(image, 1, 7);
        shift.apply(image, 1, 8);
        assertThat(shift.apply(image, 1, 7)).isEqualTo(a);
        assertThat(shift.apply(image, 1, 8)).isNotEqualTo(a);
        assertThat(shift.apply(image, 2, 7)).isNotEqualTo(a);
        assertThat(shift.label()).isEqualTo("gaussian_noise:3");
        assertThat(Shift.parse("jpeg:5", SeverityTable.CIFAR_10_C).label()).isEqualTo("jpeg_compression:5@cifar-10-c");
    }

    @Test
    void brightnessAddsToValueAndKeepsHueAndSaturation() {
        ByteImage gray = new ByteImage(3, 1, 1, new byte[] {0, 100, (byte) 250});
        ByteImage g = Corruption.BRIGHTNESS.apply(gray, 3, SeverityTable.IMAGENET_C, new SplittableRandom(SEED));
        assertThat(new int[] {g.sample(0), g.sample(1), g.sample(2)}).containsExactly(76, 176, 255); // np.round((x/255 + .3)·255): .3·255 is 76.4999...
        ByteImage rgb = new ByteImage(2, 1, 3, new byte[] {(byte) 200, 100, 50, 0, 0, 0});
        ByteImage c = Corruption.BRIGHTNESS.apply(rgb, 1, SeverityTable.IMAGENET_C, new SplittableRandom(SEED));
        // V = 200/255 rises by .1 to 225.5/255; every channel scales by 225.5/200; black becomes gray .1
        assertThat(new int[] {c.sample(0), c.sample(1), c.sample(2), c.sample(3), c.sample(4), c.sample(5)})
                .containsExactly(226, 113, 56, 26, 26, 26);
    }
}
