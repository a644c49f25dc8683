package org.tca4j.tca.condense;

import java.util.Arrays;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * Merges a band of tokens into k representatives: greedy k-center selection, nearest-centre assignment, and an
 * inverse-distance weighted mean per centre.
 *
 * <p>Reference: Jo-wang/TCA 0f846d6, {@code clip/utils.py}, {@code coreset_averaging}: members of centre i get
 * weight {@code 1/d} (d their distance to the centre), the centre itself weight exactly 1 (its distance is 0),
 * normalised to sum 1; a centre without members gives the zero row.
 *
 * <p>Deviations from the reference:
 * <ul>
 *   <li>the assignment uses direct distances, not {@code torch.cdist}'s {@code sqrt(‖x‖² + ‖c‖² − 2x·c)} form
 *       (which torch picks for more than 25 rows; on the traced streams both give the same assignment);</li>
 *   <li>the merged tokens are not computed here: the result is a recipe (members and weights) that the plan
 *       applies, in fp32 (the reference casts the merged tokens to fp16).</li>
 * </ul>
 */
public final class CoresetAveraging {
    private CoresetAveraging() {}

    /**
     * One band's merge.
     *
     * @param centres band positions of the centres, in selection order
     * @param assign for every band position, the slot (index into {@code centres}) it joins
     * @param members per slot, the band positions that joined it, in band order (empty: a zero row)
     * @param weights per slot, the normalised weights of {@code members}
     */
    public record Coreset(int[] centres, int[] assign, int[][] members, float[][] weights) {}

    /** Merges the rows {@code x[rows[t]]} into {@code k} representatives, the k-center greedy starting at {@code start}. */
    public static Coreset average(FloatMatrix x, int[] rows, int k, int start) {
        KCenterGreedy.Selection selection = KCenterGreedy.selectWithDistances(x, rows, k, start);
        int[] centres = selection.centres();
        // assignment: nearest centre, first slot on ties
        int[] assign = new int[rows.length];
        double[] dist = new double[rows.length];
        for (int t = 0; t < rows.length; t++) {
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < k; i++) {
                double d = selection.distances()[i][t];
                if (d < best) {
                    best = d;
                    assign[t] = i;
                }
            }
            dist[t] = best;
        }
        // inverse-distance weights, 1 for the centre itself, normalised per slot
        int[][] members = new int[k][];
        float[][] weights = new float[k][];
        for (int i = 0; i < k; i++) {
            members[i] = membersOf(assign, i);
            double[] w = new double[members[i].length];
            for (int j = 0; j < w.length; j++) {
                double d = dist[members[i][j]];
                w[j] = d == 0 ? 1.0 : 1.0 / d;
            }
            double sum = Arrays.stream(w).sum();                           // compensated, as DoubleStream sums
            weights[i] = new float[w.length];
            for (int j = 0; j < w.length; j++) {
                weights[i][j] = (float) (w[j] / sum);
            }
        }
        return new Coreset(centres, assign, members, weights);
    }

    /** The band positions assigned to {@code slot}, ascending. */
    private static int[] membersOf(int[] assign, int slot) {
        int count = 0;
        for (int a : assign) {
            count += a == slot ? 1 : 0;
        }
        int[] members = new int[count];
        for (int t = 0, m = 0; t < assign.length; t++) {
            if (assign[t] == slot) {
                members[m++] = t;
            }
        }
        return members;
    }
}
