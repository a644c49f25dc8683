package org.tca4j.tca.eval;

import java.util.Locale;
import org.tca4j.tca.config.Method;
import org.tca4j.tca.config.TcaConfig;

/**
 * The {@code --methods} names of {@code eval}: {@code zero-shot} (the full pass), {@code tca} (the reference's
 * r = 0.035), {@code tca-R} (any rate R, e.g. {@code tca-0.105}), {@code evit} / {@code evit-R} and {@code tome} /
 * {@code tome-R} (R = 0.1 by default, blocks 3, 6, 9), or any {@link Method#parse} spec such as
 * {@code tca:r=0.07,M=3}. TCA takes the per-dataset hyperparameters of {@code tcaDataset} when the TCA presets know
 * it, else the reference's ImageNet setting (the setting of the demo model's reference figures).
 */
public final class MethodNames {
    private MethodNames() {}

    /** The condensation method {@code name} stands for. */
    public static Method parse(String name, String tcaDataset) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.contains(":")) {
            return Method.parse(n);
        }
        if (n.equals("zero-shot") || n.equals("zeroshot") || n.equals("full")) {
            return new Method.Full();
        }
        String family = n.contains("-") ? n.substring(0, n.indexOf('-')) : n;
        String rate = n.contains("-") ? n.substring(n.indexOf('-') + 1) : null;
        return switch (family) {
            case "tca" -> new Method.Tca(rate == null ? tcaConfig(tcaDataset) : tcaConfig(tcaDataset).withRate(number(name, rate)));
            case "evit" -> new Method.Evit(rate == null ? 0.1 : number(name, rate), Method.DEFAULT_LAYERS);
            case "tome" -> new Method.Tome(rate == null ? 0.1 : number(name, rate), Method.DEFAULT_LAYERS);
            default -> throw new IllegalArgumentException("unknown method '" + name
                    + "'; use zero-shot, tca, tca-R, evit, evit-R, tome, tome-R or a spec like tca:r=0.07");
        };
    }

    private static TcaConfig tcaConfig(String dataset) {
        if (dataset != null) {
            try {
                return TcaConfig.forDataset(dataset);
            } catch (IllegalArgumentException unknownDataset) {
                // no TCA preset for this dataset: the reference's default setting
            }
        }
        return TcaConfig.defaults();
    }

    private static double number(String name, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("method '" + name + "': '" + text + "' is not a rate");
        }
    }
}
