package org.tca4j.tca.eval;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on standard error: bar, count, rate, ETA and each method's running accuracy. Redrawn at
 * most every {@code minIntervalNanos}; on a terminal it overwrites itself with a carriage return, otherwise (a log
 * file) it prints a line at most every ten seconds.
 */
final class ProgressBar {
    private static final int WIDTH = 24;

    private final PrintStream err;
    private final boolean terminal;
    private final long minIntervalNanos;
    private final long startNanos = System.nanoTime();
    private long lastDraw;

    ProgressBar(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
        this.minIntervalNanos = terminal ? 200_000_000L : 10_000_000_000L;
    }

    /** Draws if enough time passed or {@code force}. */
    void update(int done, int total, int doneAtStart, String accuracies, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDraw < minIntervalNanos) {
            return;
        }
        lastDraw = now;
        double seconds = (now - startNanos) / 1e9;
        double rate = seconds > 0 ? (done - doneAtStart) / seconds : 0;
        double eta = rate > 0 ? (total - done) / rate : Double.NaN;
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        String line = String.format(Locale.ROOT, "[%s%s] %d/%d  %.1f img/s  ETA %s  %s",
                "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, rate, clock(eta), accuracies);
        if (terminal) {
            err.print("\r" + line + "\u001b[K");
            if (done == total) {
                err.println();
            }
        } else {
            err.println(line);
        }
        err.flush();
    }

    static String clock(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return "--:--";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
