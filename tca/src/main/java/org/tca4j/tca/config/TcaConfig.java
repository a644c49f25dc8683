package org.tca4j.tca.config;

import java.util.List;

/**
 * Everything that shapes a TCA run, immutable. Build one from {@link #defaults()} or a preset and change fields
 * with the {@code with…} methods.
 *
 * <p>Reference: Jo-wang/TCA 0f846d6: {@code clip/model.py} ({@code drop_loc = [3, 6, 9]}, 4 coreset centres,
 * {@code --token_pruning Ours-r}), {@code runner.py} (logit scale 100, the reservoir gate) and
 * {@code configs/*.yaml} (M, scale, λ, β per dataset, see {@link DatasetHyperparameters}).
 *
 * <p>Deviations from the reference:
 * <ul>
 *   <li>the k-center start is deterministic by default ({@link KCenterStart#FIRST}); {@link KCenterStart#RANDOM}
 *       draws from {@code seed}, not from torch's global generator;</li>
 *   <li>the options {@link RankBy#AVERAGE_HEAD_RANK} and the gates other than
 *       {@link AnchorGate#EVERY_CLASS_TWO} are the paper's descriptions or ablations; the code does not have
 *       them;</li>
 *   <li>rate 0 means no condensation (the reference's {@code Ours-0.0} crashes once the anchor cache exists).</li>
 * </ul>
 *
 * @param layers the 0-based blocks that condense, ascending (the anchor of block l is the reservoir's layer l−1)
 * @param rate r of {@code Ours-r}: {@code left = ceil((1−r)(N−1))} patches survive the fuse tier; 0 = off
 * @param centres k of the coreset merge
 * @param reservoirSize M, entries kept per predicted class
 * @param scale temperature of the correction's layer weights {@code softmax(linspace(0,1,L)/scale)}
 * @param lambda λ, weight of the logit correction (0 turns it off)
 * @param beta β of the affinity kernel {@code exp(−β(1 − A))}
 * @param logitScale the fixed factor of the cosine logits (100 in the reference)
 * @param anchorGate when the class means become anchors
 * @param rankBy how patches are ranked
 * @param kCenterStart where the k-center greedy starts
 * @param seed seed of {@link KCenterStart#RANDOM}
 */
public record TcaConfig(List<Integer> layers, double rate, int centres, int reservoirSize, double scale,
                        double lambda, double beta, double logitScale, AnchorGate anchorGate, RankBy rankBy,
                        KCenterStart kCenterStart, long seed) {

    /** The reference's README default rate, "R = 0.9" in the code's sense: 197 → 182 → 167 → 155 tokens. */
    public static final double RATE_R09_CODE = 0.035;
    /** The rate that reproduces the paper's TCA R = 0.9 GFLOPs (15.45): 197 → 179 → 164 → 149 tokens. */
    public static final double RATE_R09_PAPER = 0.038;
    /** The rate that reproduces the paper's TCA R = 0.7 GFLOPs (11.68): 197 → 140 → 101 → 74 tokens. */
    public static final double RATE_R07_PAPER = 0.105;

    public TcaConfig {
        layers = List.copyOf(layers);
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) < 1 || (i > 0 && layers.get(i) <= layers.get(i - 1))) {
                throw new IllegalArgumentException("condensation layers must be ascending and >= 1 (the anchor of "
                        + "block l is taken at layer l-1), got " + layers);
            }
        }
        requireIn("rate", rate, 0, 0.999);
        if (centres < 1) {
            throw new IllegalArgumentException("centres must be >= 1, got " + centres);
        }
        if (reservoirSize < 1) {
            throw new IllegalArgumentException("reservoir size M must be >= 1, got " + reservoirSize);
        }
        requireIn("scale", scale, Double.MIN_NORMAL, 1e6);
        requireIn("lambda", lambda, 0, 1e6);
        requireIn("beta", beta, 0, 1e6);
        requireIn("logit scale", logitScale, Double.MIN_NORMAL, 1e6);
        if (anchorGate == null || rankBy == null || kCenterStart == null) {
            throw new IllegalArgumentException("anchor gate, ranking and k-center start must be given");
        }
    }

    /** The reference's setting: blocks 3, 6, 9, r = 0.035, 4 centres, ImageNet's M/scale/λ/β, logit scale 100. */
    public static TcaConfig defaults() {
        DatasetHyperparameters h = DatasetHyperparameters.IMAGENET;
        return new TcaConfig(List.of(3, 6, 9), RATE_R09_CODE, 4, h.reservoirSize(), h.scale(), h.lambda(),
                h.beta(), 100, AnchorGate.EVERY_CLASS_TWO, RankBy.MEAN_ATTENTION, KCenterStart.FIRST, 1);
    }

    /** {@link #defaults()} with the reference's hyperparameters of {@code dataset} (see {@link DatasetHyperparameters#byName}). */
    public static TcaConfig forDataset(String dataset) {
        return defaults().withDataset(DatasetHyperparameters.byName(dataset));
    }

    /** Whether block {@code layer} condenses. */
    public boolean condensesAt(int layer) {
        return rate > 0 && layers.contains(layer);
    }

    public TcaConfig withDataset(DatasetHyperparameters h) {
        return new TcaConfig(layers, rate, centres, h.reservoirSize(), h.scale(), h.lambda(), h.beta(), logitScale,
                anchorGate, rankBy, kCenterStart, seed);
    }

    public TcaConfig withRate(double r) {
        return new TcaConfig(layers, r, centres, reservoirSize, scale, lambda, beta, logitScale, anchorGate, rankBy,
                kCenterStart, seed);
    }

    public TcaConfig withLayers(List<Integer> l) {
        return new TcaConfig(l, rate, centres, reservoirSize, scale, lambda, beta, logitScale, anchorGate, rankBy,
                kCenterStart, seed);
    }

    public TcaConfig withReservoirSize(int m) {
        return new TcaConfig(layers, rate, centres, m, scale, lambda, beta, logitScale, anchorGate, rankBy,
                kCenterStart, seed);
    }

    /** The correction's hyperparameters: layer temperature, λ and β. */
    public TcaConfig withCorrection(double newScale, double newLambda, double newBeta) {
        return new TcaConfig(layers, rate, centres, reservoirSize, newScale, newLambda, newBeta, logitScale,
                anchorGate, rankBy, kCenterStart, seed);
    }

    public TcaConfig withAnchorGate(AnchorGate gate) {
        return new TcaConfig(layers, rate, centres, reservoirSize, scale, lambda, beta, logitScale, gate, rankBy,
                kCenterStart, seed);
    }

    public TcaConfig withRankBy(RankBy by) {
        return new TcaConfig(layers, rate, centres, reservoirSize, scale, lambda, beta, logitScale, anchorGate, by,
                kCenterStart, seed);
    }

    /** The k-center start; {@code newSeed} matters for {@link KCenterStart#RANDOM} only. */
    public TcaConfig withKCenterStart(KCenterStart start, long newSeed) {
        return new TcaConfig(layers, rate, centres, reservoirSize, scale, lambda, beta, logitScale, anchorGate,
                rankBy, start, newSeed);
    }

    private static void requireIn(String what, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(what + " must be in [" + min + ", " + max + "], got " + v);
        }
    }
}
