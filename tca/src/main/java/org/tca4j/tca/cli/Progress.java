package org.tca4j.tca.cli;

import java.io.PrintStream;

/**
 * A progress line on standard error for long runs ({@code 37/120 images, 2.1 s/image}), redrawn at most twice a
 * second and finished with a newline; silent for short runs.
 */
final class Progress {
    /** Runs with fewer items print nothing. */
    static final int MIN_ITEMS = 16;
    private static final long REDRAW_NANOS = 500_000_000L;

    private final PrintStream err;
    private final int total;
    private final String unit;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    Progress(PrintStream err, int total, String unit) {
        this.err = err;
        this.total = total;
        this.unit = unit;
    }

    /** Reports that {@code done} items are finished. */
    void update(int done) {
        if (total < MIN_ITEMS) {
            return;
        }
        long now = System.nanoTime();
        if (done < total && drawn && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        double secondsEach = done == 0 ? 0 : (now - start) / 1e9 / done;
        err.printf("\r%d/%d %s, %.2f s/%s", done, total, unit + "s", secondsEach, unit);
        if (done == total) {
            err.println();
        }
        err.flush();
    }
}
