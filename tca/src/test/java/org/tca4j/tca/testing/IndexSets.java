package org.tca4j.tca.testing;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Compares index decisions as sets, the way ggml's {@code test_top_k} does: equal sets pass; different sets pass
 * only when the scores at the chosen indices agree (a near-tie broken the other way), and never with duplicates.
 */
public final class IndexSets {
    private IndexSets() {}

    /**
     * @param scores the score of every index, by which the selection was made
     * @param tieTolerance the largest score difference still called a tie
     * @throws AssertionError naming {@code what} when the selections differ beyond a tie
     */
    public static void assertSameSelection(String what, int[] actual, int[] expected, float[] scores,
                                           double tieTolerance) {
        if (IntStream.of(actual).distinct().count() != actual.length) {
            throw new AssertionError(what + ": duplicate indices in " + Arrays.toString(actual));
        }
        int[] a = actual.clone(), e = expected.clone();
        Arrays.sort(a);
        Arrays.sort(e);
        if (Arrays.equals(a, e)) {
            return;
        }
        if (a.length != e.length) {
            throw new AssertionError(what + ": " + a.length + " indices, expected " + e.length);
        }
        float[] sa = sortedScores(a, scores), se = sortedScores(e, scores);
        for (int i = 0; i < sa.length; i++) {
            if (Math.abs(sa[i] - se[i]) > tieTolerance) {
                throw new AssertionError(what + ": selected " + Arrays.toString(a) + " but expected "
                        + Arrays.toString(e) + ", and the scores differ beyond a tie (" + sa[i] + " vs " + se[i] + ")");
            }
        }
    }

    /** Whether two selections hold the same indices. */
    public static boolean sameSet(int[] a, int[] b) {
        int[] x = a.clone(), y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        return Arrays.equals(x, y);
    }

    private static float[] sortedScores(int[] idx, float[] scores) {
        float[] s = new float[idx.length];
        for (int i = 0; i < idx.length; i++) {
            s[i] = scores[idx[i]];
        }
        Arrays.sort(s);
        return s;
    }
}
