package org.tca4j.tca.eval;

import java.util.Locale;

/**
 * One row of the results table.
 *
 * @param method the method's name
 * @param images images classified
 * @param correct of which correct
 * @param meanGflops mean GFLOPs per image
 * @param meanTokens mean tokens entering each block
 * @param seconds time spent in the method's classify calls (not deterministic; kept out of the result files)
 */
public record MethodResult(String method, int images, int correct, double meanGflops, double[] meanTokens,
        double seconds) {
    /** Top-1 accuracy in percent. */
    public double accuracyPercent() {
        return images == 0 ? 0 : 100.0 * correct / images;
    }

    /** Images per second of classify time. */
    public double imagesPerSecond() {
        return seconds <= 0 ? 0 : images / seconds;
    }

    /** The token schedule run-length encoded, e.g. {@code 50×4 → 38×3 → 31×3 → 26×2}. */
    public String schedule() {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < meanTokens.length) {
            int j = i;
            while (j < meanTokens.length && meanTokens[j] == meanTokens[i]) {
                j++;
            }
            if (!sb.isEmpty()) {
                sb.append(" → ");
            }
            sb.append(tokens(meanTokens[i])).append('×').append(j - i);
            i = j;
        }
        return sb.toString();
    }

    private static String tokens(double t) {
        return t == Math.rint(t) ? Long.toString((long) t) : String.format(Locale.ROOT, "%.1f", t);
    }
}
