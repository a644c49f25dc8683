package org.tca4j.tca.reservoir;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tca4j.core.kernels.Reductions;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.config.AnchorGate;

/**
 * The context token reservoir: per predicted class, up to M remembered images, chosen for low entropy and low
 * similarity to each other. Its class means serve as attention anchors ({@link #anchorCache}) and its entries
 * drive the logit correction.
 *
 * <p>Reference: Jo-wang/TCA 0f846d6, {@code runner.py}, {@code update_reservoir_sim} with {@code div = True} and
 * {@code token_sim = True}: append the entry to its class; if the class then holds more than M, remove the entry
 * with the largest {@code entropy + mean cosine to the other members} (cosines of the 12-layer mean tokens; the
 * first on ties; the newcomer may be the one removed); then sort the class by entropy, ascending. The reservoir
 * starts with every class present and empty. {@code clip/model.py}'s {@code update_cache} gives the anchor gate.
 *
 * <p>Deviations from the reference: fp32 throughout; the reservoir belongs to one stream and is reset with
 * {@link #clear()} (the reference keeps the anchor cache on the model across datasets).
 */
public final class TokenReservoir {
    private final int capacity;
    private final List<List<ReservoirEntry>> byClass = new ArrayList<>();

    /** An empty reservoir for {@code classes} classes of up to {@code capacity} (M) entries each. */
    public TokenReservoir(int classes, int capacity) {
        if (classes < 1 || capacity < 1) {
            throw new IllegalArgumentException("a reservoir needs >= 1 class and capacity >= 1, got " + classes
                    + " classes, capacity " + capacity);
        }
        this.capacity = capacity;
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
    }

    /**
     * What an insertion that overflowed its class decided.
     *
     * @param cls the class
     * @param candidates the class's entries before eviction, the newcomer last
     * @param meanCos per candidate, its mean cosine to the other candidates
     * @param scores per candidate, entropy + mean cosine
     * @param evicted the removed candidate's position in {@code candidates}
     */
    public record Eviction(int cls, List<ReservoirEntry> candidates, double[] meanCos, double[] scores, int evicted) {
        public ReservoirEntry evictedEntry() {
            return candidates.get(evicted);
        }
    }

    public int classes() {
        return byClass.size();
    }

    public int capacity() {
        return capacity;
    }

    /** The entries of class {@code cls}, by ascending entropy; read-only. */
    public List<ReservoirEntry> entries(int cls) {
        return List.copyOf(byClass.get(cls));
    }

    public int size(int cls) {
        return byClass.get(cls).size();
    }

    /** Forgets everything (a new dataset or stream). */
    public void clear() {
        byClass.forEach(List::clear);
    }

    /** Replaces class {@code cls}'s entries, in the given order (restoring a saved reservoir). */
    void replaceClass(int cls, List<ReservoirEntry> entries) {
        if (entries.size() > capacity) {
            throw new IllegalArgumentException(entries.size() + " entries for a capacity of " + capacity);
        }
        byClass.get(cls).clear();
        byClass.get(cls).addAll(entries);
    }

    /** Inserts {@code entry} under its predicted class; returns the eviction it caused, or null. */
    public Eviction insert(int predictedClass, ReservoirEntry entry) {
        List<ReservoirEntry> list = byClass.get(predictedClass);
        if (!list.isEmpty() && (list.getFirst().clsTokens().rows() != entry.clsTokens().rows()
                || list.getFirst().clsTokens().cols() != entry.clsTokens().cols())) {
            throw new IllegalArgumentException("entry tokens " + entry.clsTokens() + " differ in shape from "
                    + list.getFirst().clsTokens());
        }
        list.add(entry);
        Eviction eviction = null;
        if (list.size() > capacity) {
            eviction = chooseEviction(predictedClass, list);
            list.remove(eviction.evicted());
        }
        list.sort(Comparator.comparingDouble(ReservoirEntry::entropy));
        return eviction;
    }

    private static Eviction chooseEviction(int cls, List<ReservoirEntry> list) {
        int n = list.size();
        float[][] means = new float[n][];
        for (int i = 0; i < n; i++) {
            means[i] = list.get(i).layerMean();
        }
        double[] meanCos = new double[n];
        double[] scores = new double[n];
        int worst = 0;
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    sum += Reductions.cosine(means[i], means[j]);
                }
            }
            meanCos[i] = sum / (n - 1);
            scores[i] = list.get(i).entropy() + meanCos[i];
            if (scores[i] > scores[worst]) {
                worst = i;
            }
        }
        return new Eviction(cls, List.copyOf(list), meanCos, scores, worst);
    }

    /**
     * The anchor cache the gate allows now, or null while it is closed: per class the mean of its entries' tokens
     * at every layer.
     */
    public AnchorCache anchorCache(AnchorGate gate) {
        boolean open = switch (gate) {
            case EVERY_CLASS_TWO -> byClass.stream().allMatch(l -> l.size() >= 2);
            case ANY_CLASS -> byClass.stream().anyMatch(l -> !l.isEmpty());
            case NEVER -> false;
        };
        if (!open) {
            return null;
        }
        FloatMatrix[] means = new FloatMatrix[byClass.size()];
        for (int c = 0; c < means.length; c++) {
            means[c] = byClass.get(c).isEmpty() ? null : classMean(byClass.get(c));
        }
        return new AnchorCache(means);
    }

    private static FloatMatrix classMean(List<ReservoirEntry> entries) {
        FloatMatrix first = entries.getFirst().clsTokens();
        FloatMatrix mean = FloatMatrix.allocate(first.rows(), first.cols());
        for (int l = 0; l < first.rows(); l++) {
            for (int c = 0; c < first.cols(); c++) {
                double s = 0;
                for (ReservoirEntry e : entries) {
                    s += e.clsTokens().get(l, c);
                }
                mean.set(l, c, (float) (s / entries.size()));
            }
        }
        return mean;
    }
}
