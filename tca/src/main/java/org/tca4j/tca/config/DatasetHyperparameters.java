package org.tca4j.tca.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The reservoir and correction hyperparameters the reference tuned per dataset.
 *
 * <p>Reference: Jo-wang/TCA 0f846d6, {@code configs/*.yaml} (keys {@code reservoir_size}, {@code scale},
 * {@code lambd}, {@code beta}); research notes {@code tca-paper.md} section 15. CIFAR-100-C is not in the official
 * repository; its values are the third-party reproduction's.
 *
 * @param reservoirSize M, entries kept per class
 * @param scale the temperature of the layer weights of the logit correction
 * @param lambda λ, the weight of the correction
 * @param beta β, the sharpness of the affinity kernel {@code exp(−β(1 − A))}
 */
public enum DatasetHyperparameters {
    FGVC_AIRCRAFT(3, 0.02, 2, 2, "fgvc", "aircraft"),
    CALTECH101(3, 1, 7.0, 6, "caltech"),
    STANFORD_CARS(3, 0.1, 1.5, 8.0, "cars"),
    DTD(3, 1, 2, 6.0),
    EUROSAT(2, 5, 8, 7),
    FLOWERS102(3, 0.01, 7.0, 7.0, "oxford_flowers", "flowers"),
    FOOD101(3, 0.01, 2, 5.0, "food"),
    OXFORD_PETS(3, 5.5, 2, 6, "pets"),
    SUN397(3, 0.01, 4, 3, "sun"),
    UCF101(3, 0.01, 6.0, 8.0, "ucf"),
    IMAGENET(3, 0.1, 3.0, 5.0, "i"),
    IMAGENET_A(3, 0.01, 3.0, 5.0, "a"),
    IMAGENET_V2(3, 0.1, 4.0, 9.0, "v", "v2"),
    IMAGENET_R(3, 0.1, 3.0, 8.0, "r"),
    IMAGENET_SKETCH(3, 0.1, 4.0, 8, "s", "sketch"),
    CIFAR100_C(3, 0.01, 2, 5.0, "cifar100c");

    private final int reservoirSize;
    private final double scale;
    private final double lambda;
    private final double beta;
    private final List<String> aliases;

    DatasetHyperparameters(int reservoirSize, double scale, double lambda, double beta, String... aliases) {
        this.reservoirSize = reservoirSize;
        this.scale = scale;
        this.lambda = lambda;
        this.beta = beta;
        this.aliases = List.of(aliases);
    }

    public int reservoirSize() {
        return reservoirSize;
    }

    public double scale() {
        return scale;
    }

    public double lambda() {
        return lambda;
    }

    public double beta() {
        return beta;
    }

    /**
     * The dataset called {@code name}: the constant's name or one of the reference's short names, case and the
     * separators {@code - _ space} ignored (e.g. {@code eurosat}, {@code ImageNet-V2}, {@code fgvc}).
     *
     * @throws IllegalArgumentException naming the known datasets when {@code name} is none of them
     */
    public static DatasetHyperparameters byName(String name) {
        String key = squash(name);
        for (DatasetHyperparameters d : values()) {
            if (squash(d.name()).equals(key) || d.aliases.stream().map(DatasetHyperparameters::squash)
                    .anyMatch(key::equals)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dataset '" + name + "'; known: "
                + Arrays.stream(values()).map(d -> d.name().toLowerCase(Locale.ROOT)).toList());
    }

    private static String squash(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[-_ ]", "");
    }
}
