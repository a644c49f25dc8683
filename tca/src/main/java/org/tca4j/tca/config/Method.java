package org.tca4j.tca.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which pass a stream runs: the plain pass, TCA, or one of the baseline condensers (without logit correction, as
 * the paper's baseline rows). {@link #parse} reads the command line's {@code --method} values.
 */
public sealed interface Method {
    /** The plain pass: no condensation, no reservoir (CLIP zero-shot). */
    record Full() implements Method {}

    /** TCA with its reservoir, anchors and logit correction. */
    record Tca(TcaConfig config) implements Method {}

    /** The repository's EViT at {@code layers}, fusing the fraction {@code rate} of the patches. */
    record Evit(double rate, List<Integer> layers) implements Method {
        public Evit {
            if (!(rate > 0 && rate < 1)) {
                throw new IllegalArgumentException("EViT rate must be in (0, 1), got " + rate);
            }
            layers = List.copyOf(layers);
        }
    }

    /** The repository's ToMe at {@code layers}, merging about the fraction {@code rate} of the rows. */
    record Tome(double rate, List<Integer> layers) implements Method {
        public Tome {
            if (!(rate > 0 && rate < 1)) {
                throw new IllegalArgumentException("ToMe rate must be in (0, 1), got " + rate);
            }
            layers = List.copyOf(layers);
        }
    }

    /** The blocks of the reference's condensers. */
    List<Integer> DEFAULT_LAYERS = List.of(3, 6, 9);

    /** A short name, e.g. {@code tca:r=0.035}. */
    default String describe() {
        return switch (this) {
            case Full f -> "full";
            case Tca t -> "tca:r=" + t.config().rate() + ",M=" + t.config().reservoirSize() + ",scale="
                    + t.config().scale() + ",lambda=" + t.config().lambda() + ",beta=" + t.config().beta();
            case Evit e -> "evit:r=" + e.rate();
            case Tome t -> "tome:r=" + t.rate();
        };
    }

    /**
     * Parses {@code full}, {@code tca[:key=value,...]} (keys {@code r M scale lambda beta dataset}; defaults
     * {@link TcaConfig#defaults()}, {@code dataset} first then the others), {@code evit[:r=..]} or
     * {@code tome[:r=..]} (default r = 0.1).
     *
     * @throws IllegalArgumentException naming the bad part
     */
    static Method parse(String spec) {
        int colon = spec.indexOf(':');
        String name = (colon < 0 ? spec : spec.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
        Map<String, String> opts = options(spec, colon);
        return switch (name) {
            case "full" -> {
                requireKeys(opts, List.of());
                yield new Full();
            }
            case "tca" -> new Tca(tcaConfig(opts));
            case "evit" -> {
                requireKeys(opts, List.of("r"));
                yield new Evit(number(opts, "r", 0.1), DEFAULT_LAYERS);
            }
            case "tome" -> {
                requireKeys(opts, List.of("r"));
                yield new Tome(number(opts, "r", 0.1), DEFAULT_LAYERS);
            }
            default -> throw new IllegalArgumentException("unknown method '" + name + "'; use full, tca, evit or tome");
        };
    }

    private static TcaConfig tcaConfig(Map<String, String> opts) {
        requireKeys(opts, List.of("r", "m", "scale", "lambda", "beta", "dataset"));
        TcaConfig c = opts.containsKey("dataset") ? TcaConfig.forDataset(opts.get("dataset")) : TcaConfig.defaults();
        c = c.withRate(number(opts, "r", c.rate()));
        if (opts.containsKey("m")) {
            double m = number(opts, "m", 0);
            if (m != Math.rint(m)) {
                throw new IllegalArgumentException("M must be a whole number, got " + opts.get("m"));
            }
            c = c.withReservoirSize((int) m);
        }
        return c.withCorrection(number(opts, "scale", c.scale()), number(opts, "lambda", c.lambda()),
                number(opts, "beta", c.beta()));
    }

    private static Map<String, String> options(String spec, int colon) {
        Map<String, String> opts = new LinkedHashMap<>();
        if (colon < 0) {
            return opts;
        }
        for (String part : spec.substring(colon + 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value in '" + spec + "', got '" + part + "'");
            }
            opts.put(part.substring(0, eq).strip().toLowerCase(Locale.ROOT), part.substring(eq + 1).strip());
        }
        return opts;
    }

    private static void requireKeys(Map<String, String> opts, List<String> allowed) {
        for (String k : opts.keySet()) {
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException("unknown option '" + k + "'" + (allowed.isEmpty() ? ""
                        : "; allowed: " + allowed));
            }
        }
    }

    private static double number(Map<String, String> opts, String key, double fallback) {
        String v = opts.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " expects a number, got '" + v + "'");
        }
    }
}
