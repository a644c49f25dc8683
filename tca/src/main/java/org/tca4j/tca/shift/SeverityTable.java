package org.tca4j.tca.shift;

/** Which parameter table of Hendrycks &amp; Dietterich maps severities 1-5 to corruption strengths. */
public enum SeverityTable {
    /** {@code make_imagenet_c.py}: the default, and the table of the reference figures. */
    IMAGENET_C("imagenet-c"),
    /** {@code make_cifar_c.py}: gentler strengths made for 32×32 images. */
    CIFAR_10_C("cifar-10-c");

    private final String label;

    SeverityTable(String label) {
        this.label = label;
    }

    /** The name used on the command line and in reports. */
    public String label() {
        return label;
    }

    /** Parses {@code imagenet-c} or {@code cifar-10-c} (also {@code cifar10c}, {@code cifar-c}). */
    public static SeverityTable parse(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT).replace("_", "-");
        return switch (t) {
            case "imagenet-c", "imagenetc", "imagenet" -> IMAGENET_C;
            case "cifar-10-c", "cifar10c", "cifar-c", "cifar10-c", "cifar" -> CIFAR_10_C;
            default -> throw new IllegalArgumentException("unknown severity table '" + text
                    + "'; expected imagenet-c or cifar-10-c");
        };
    }
}
