package org.tca4j.tca.condense;

import org.tca4j.core.tensor.FloatMatrix;

/**
 * Greedy k-center (farthest-point) selection over some rows of a token matrix, Euclidean distance in the residual
 * stream.
 *
 * <p>Reference: Jo-wang/TCA 0f846d6, {@code clip/utils.py}, {@code k_center_greedy}: start at one token, then
 * k − 1 times take the token farthest from every centre so far ({@code argmax} of the running minimum distance,
 * first index on ties).
 *
 * <p>Deviations from the reference:
 * <ul>
 *   <li>the start is an argument (the caller passes 0, the band's highest-ranked token, or a seeded random index)
 *       instead of {@code torch.randint} on the global generator;</li>
 *   <li>distances are accumulated in double from the fp32 rows (the reference: fp16 on the GPU).</li>
 * </ul>
 * When fewer distinct tokens than k exist, a centre repeats (the running minimum is 0 everywhere and the argmax
 * is index 0), as in the reference.
 */
public final class KCenterGreedy {
    private KCenterGreedy() {}

    /**
     * Picks {@code k} centres among the rows {@code x[rows[t]]}.
     *
     * @return positions t in {@code rows}, in selection order, the first being {@code start}
     */
    public static int[] select(FloatMatrix x, int[] rows, int k, int start) {
        if (rows.length == 0 || start < 0 || start >= rows.length) {
            throw new IllegalArgumentException("k-center start " + start + " outside a band of " + rows.length);
        }
        int[] centres = new int[k];
        centres[0] = start;
        double[] minDist = new double[rows.length];
        for (int t = 0; t < rows.length; t++) {
            minDist[t] = distance(x, rows[t], rows[start]);
        }
        for (int i = 1; i < k; i++) {
            int far = 0;
            for (int t = 1; t < rows.length; t++) {
                if (minDist[t] > minDist[far]) {
                    far = t;
                }
            }
            centres[i] = far;
            for (int t = 0; t < rows.length; t++) {
                minDist[t] = Math.min(minDist[t], distance(x, rows[t], rows[far]));
            }
        }
        return centres;
    }

    /** {@code ‖x[a] − x[b]‖₂}, accumulated in double; exactly 0 for a = b. */
    static double distance(FloatMatrix x, int a, int b) {
        double s = 0;
        for (int c = 0; c < x.cols(); c++) {
            double d = (double) x.get(a, c) - x.get(b, c);
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
