package org.tca4j.tca.shift;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.tca4j.tca.data.ByteImage;

/**
 * The corruptions of Hendrycks &amp; Dietterich, "Benchmarking Neural Network Robustness to Common Corruptions and
 * Perturbations" (ICLR 2019), with their severity-1..5 parameters as in {@code make_imagenet_c.py} (ImageNet-C) and
 * {@code make_cifar_c.py} (CIFAR-10-C) of github.com/hendrycks/robustness. Each is applied to the image as stored
 * (8-bit, before any resize or normalisation); the formulas are in the implementing classes' docs.
 *
 * <table>
 *   <caption>Parameters per severity 1..5</caption>
 *   <tr><th>corruption</th><th>parameter</th><th>ImageNet-C</th><th>CIFAR-10-C</th></tr>
 *   <tr><td>gaussian_noise</td><td>σ</td><td>.08 .12 .18 .26 .38</td><td>.04 .06 .08 .09 .10</td></tr>
 *   <tr><td>shot_noise</td><td>photons c</td><td>60 25 12 5 3</td><td>500 250 100 75 50</td></tr>
 *   <tr><td>impulse_noise</td><td>amount</td><td>.03 .06 .09 .17 .27</td><td>.01 .02 .03 .05 .07</td></tr>
 *   <tr><td>speckle_noise</td><td>σ</td><td>.15 .2 .35 .45 .6</td><td>.06 .1 .12 .16 .2</td></tr>
 *   <tr><td>defocus_blur</td><td>(radius, alias σ)</td><td>(3,.1) (4,.5) (6,.5) (8,.5) (10,.5)</td>
 *       <td>(.3,.4) (.4,.5) (.5,.6) (1,.2) (1.5,.1)</td></tr>
 *   <tr><td>contrast</td><td>c</td><td>.4 .3 .2 .1 .05</td><td>.75 .5 .4 .3 .15</td></tr>
 *   <tr><td>brightness</td><td>ΔV</td><td>.1 .2 .3 .4 .5</td><td>.05 .1 .15 .2 .3</td></tr>
 *   <tr><td>pixelate</td><td>size factor</td><td>.6 .5 .4 .3 .25</td><td>.95 .9 .85 .75 .65</td></tr>
 *   <tr><td>jpeg_compression</td><td>quality</td><td>25 18 15 10 7</td><td>80 65 58 50 40</td></tr>
 * </table>
 */
public enum Corruption {
    GAUSSIAN_NOISE(new double[][] {{.08}, {.12}, {.18}, {.26}, {.38}}, new double[][] {{.04}, {.06}, {.08}, {.09}, {.10}}),
    SHOT_NOISE(new double[][] {{60}, {25}, {12}, {5}, {3}}, new double[][] {{500}, {250}, {100}, {75}, {50}}),
    IMPULSE_NOISE(new double[][] {{.03}, {.06}, {.09}, {.17}, {.27}}, new double[][] {{.01}, {.02}, {.03}, {.05}, {.07}}),
    SPECKLE_NOISE(new double[][] {{.15}, {.2}, {.35}, {.45}, {.6}}, new double[][] {{.06}, {.1}, {.12}, {.16}, {.2}}),
    DEFOCUS_BLUR(new double[][] {{3, .1}, {4, .5}, {6, .5}, {8, .5}, {10, .5}},
            new double[][] {{.3, .4}, {.4, .5}, {.5, .6}, {1, .2}, {1.5, .1}}),
    CONTRAST(new double[][] {{.4}, {.3}, {.2}, {.1}, {.05}}, new double[][] {{.75}, {.5}, {.4}, {.3}, {.15}}),
    BRIGHTNESS(new double[][] {{.1}, {.2}, {.3}, {.4}, {.5}}, new double[][] {{.05}, {.1}, {.15}, {.2}, {.3}}),
    PIXELATE(new double[][] {{.6}, {.5}, {.4}, {.3}, {.25}}, new double[][] {{.95}, {.9}, {.85}, {.75}, {.65}}),
    JPEG_COMPRESSION(new double[][] {{25}, {18}, {15}, {10}, {7}}, new double[][] {{80}, {65}, {58}, {50}, {40}});

    private final double[][] imagenet;
    private final double[][] cifar;

    Corruption(double[][] imagenet, double[][] cifar) {
        this.imagenet = imagenet;
        this.cifar = cifar;
    }

    /** The name of Hendrycks &amp; Dietterich's function and file, e.g. {@code gaussian_noise}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The parameters of {@code severity} (1-5) in {@code table}. */
    public double[] parameters(int severity, SeverityTable table) {
        checkSeverity(severity);
        double[][] rows = table == SeverityTable.IMAGENET_C ? imagenet : cifar;
        return rows[severity - 1].clone();
    }

    /** Whether the result depends on the random generator. */
    public boolean isRandom() {
        return this == GAUSSIAN_NOISE || this == SHOT_NOISE || this == IMPULSE_NOISE || this == SPECKLE_NOISE;
    }

    /** Applies this corruption at {@code severity} (1-5) to {@code image}; random ones draw from {@code random}. */
    public ByteImage apply(ByteImage image, int severity, SeverityTable table, RandomGenerator random) {
        double[] p = parameters(severity, table);
        return switch (this) {
            case GAUSSIAN_NOISE -> NoiseCorruptions.gaussian(image, p[0], random);
            case SHOT_NOISE -> NoiseCorruptions.shot(image, p[0], random);
            case IMPULSE_NOISE -> NoiseCorruptions.impulse(image, p[0], random);
            case SPECKLE_NOISE -> NoiseCorruptions.speckle(image, p[0], random);
            case DEFOCUS_BLUR -> DefocusBlur.apply(image, p[0], p[1]);
            case CONTRAST -> PhotometricCorruptions.contrast(image, p[0]);
            case BRIGHTNESS -> PhotometricCorruptions.brightness(image, p[0]);
            case PIXELATE -> Pixelate.apply(image, p[0]);
            case JPEG_COMPRESSION -> JpegCompression.apply(image, (int) p[0]);
        };
    }

    /** The labels of every corruption, for help texts. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(Corruption::label).toList();
    }

    /**
     * Parses a corruption name: the label ({@code gaussian_noise}), with {@code -} or {@code _}, or a short form
     * ({@code gaussian}, {@code shot}, {@code impulse}, {@code speckle}, {@code defocus}, {@code jpeg}).
     */
    public static Corruption parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Corruption c : values()) {
            if (c.label().equals(n) || c.label().startsWith(n + "_")) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown corruption '" + name + "'; expected one of "
                + String.join(", ", labels()));
    }

    static void checkSeverity(int severity) {
        if (severity < 1 || severity > 5) {
            throw new IllegalArgumentException("severity must be 1-5, got " + severity);
        }
    }
}
