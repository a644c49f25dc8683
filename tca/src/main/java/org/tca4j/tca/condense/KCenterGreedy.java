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
 *   <li>distances are accumulated in double from the fp32 rows, in four running sums (the reference: fp16 on the
 *       GPU).</li>
 * </ul>
 * When fewer distinct tokens than k exist, a centre repeats (the running minimum is 0 everywhere and the argmax
 * is index 0), as in the reference.
 */
public final class KCenterGreedy {
    private KCenterGreedy() {}

    /**
     * The centres picked, and the distance of every band row to each of them: {@code distances[i][t]} is
     * {@code ‖x[rows[t]] − x[rows[centres[i]]]‖₂}, the distances the selection computed (the last centre's too), so
     * that the nearest-centre assignment need not compute them again.
     */
    public record Selection(int[] centres, double[][] distances) {}

    /**
     * Picks {@code k} centres among the rows {@code x[rows[t]]}.
     *
     * @return positions t in {@code rows}, in selection order, the first being {@code start}
     */
    public static int[] select(FloatMatrix x, int[] rows, int k, int start) {
        return selectWithDistances(x, rows, k, start).centres();
    }

    /** {@link #select}, with the distances of every band row to every centre. */
    public static Selection selectWithDistances(FloatMatrix x, int[] rows, int k, int start) {
        if (rows.length == 0 || start < 0 || start >= rows.length) {
            throw new IllegalArgumentException("k-center start " + start + " outside a band of " + rows.length);
        }
        float[][] band = new float[rows.length][];                        // [band][W], read once
        for (int t = 0; t < rows.length; t++) {
            band[t] = x.rowArray(rows[t]);
        }
        int[] centres = new int[k];
        double[][] distances = new double[k][];
        centres[0] = start;
        distances[0] = distancesTo(band, start);
        double[] minDist = distances[0].clone();
        for (int i = 1; i < k; i++) {
            int far = 0;
            for (int t = 1; t < band.length; t++) {
                if (minDist[t] > minDist[far]) {
                    far = t;
                }
            }
            centres[i] = far;
            distances[i] = distancesTo(band, far);
            for (int t = 0; t < band.length; t++) {
                minDist[t] = Math.min(minDist[t], distances[i][t]);
            }
        }
        return new Selection(centres, distances);
    }

    /** {@code ‖band[t] − band[centre]‖₂} for every t. */
    private static double[] distancesTo(float[][] band, int centre) {
        double[] d = new double[band.length];
        for (int t = 0; t < band.length; t++) {
            d[t] = distance(band[t], band[centre]);
        }
        return d;
    }

    /**
     * {@code ‖a − b‖₂} in double, exactly 0 for equal rows: four running sums (columns c ≡ 0, 1, 2, 3 mod 4, the
     * rest into the first), added pairwise. One running sum waited four cycles per column on the previous addition,
     * and the distances were nine tenths of a TCA plan's time.
     */
    static double distance(float[] a, float[] b) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int c = 0;
        for (; c + 4 <= a.length; c += 4) {
            double d0 = (double) a[c] - b[c], d1 = (double) a[c + 1] - b[c + 1];
            double d2 = (double) a[c + 2] - b[c + 2], d3 = (double) a[c + 3] - b[c + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; c < a.length; c++) {
            double d = (double) a[c] - b[c];
            s0 += d * d;
        }
        return Math.sqrt((s0 + s1) + (s2 + s3));
    }
}
