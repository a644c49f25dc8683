package org.tca4j.tca.reservoir;

import org.tca4j.core.kernels.Reductions;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * The class means of the reservoir's per-layer {@code <cls>} tokens: the "domain anchors".
 *
 * <p>Reference: Jo-wang/TCA 0f846d6, {@code clip/model.py} ({@code cls_token_cache}, filled by
 * {@code update_cache} after every reservoir update once every class holds two entries, and read in
 * {@code ResidualAttentionBlock_Ours.forward}: the anchor of block l is the class mean at layer l−1 with the
 * highest cosine to the {@code <cls>} token entering block l).
 *
 * <p>Deviations from the reference: fp32 means (the reference stores them in fp16); classes without entries
 * (possible only under {@link org.tca4j.tca.config.AnchorGate#ANY_CLASS}) are absent and never chosen.
 */
public final class AnchorCache {
    private final FloatMatrix[] means;

    /**
     * @param means per class, its {@code [L, W]} mean tokens, or null for a class without entries; all of one shape
     */
    public AnchorCache(FloatMatrix[] means) {
        FloatMatrix shape = null;
        for (FloatMatrix m : means) {
            if (m != null && shape != null && (m.rows() != shape.rows() || m.cols() != shape.cols())) {
                throw new IllegalArgumentException("class means of different shapes: " + m + " and " + shape);
            }
            shape = m == null ? shape : m;
        }
        if (shape == null) {
            throw new IllegalArgumentException("an anchor cache needs at least one class mean");
        }
        this.means = means.clone();
    }

    public int classes() {
        return means.length;
    }

    public boolean has(int cls) {
        return means[cls] != null;
    }

    /** The mean token of class {@code cls} at layer {@code layer}, {@code [W]}. */
    public float[] mean(int cls, int layer) {
        return means[cls].rowArray(layer);
    }

    /** The cosine of every class mean at {@code layer} with {@code token}; NaN for an absent class. */
    public float[] cosines(int layer, float[] token) {
        float[] cos = new float[means.length];
        for (int c = 0; c < means.length; c++) {
            cos[c] = has(c) ? Reductions.cosine(mean(c, layer), token) : Float.NaN;
        }
        return cos;
    }

    /** The class whose mean at {@code layer} is nearest to {@code token} by cosine; the first on ties. */
    public int nearest(int layer, float[] token) {
        float[] cos = cosines(layer, token);
        int best = -1;
        for (int c = 0; c < cos.length; c++) {
            if (!Float.isNaN(cos[c]) && (best < 0 || cos[c] > cos[best])) {
                best = c;
            }
        }
        return best;
    }
}
