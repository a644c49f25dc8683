package org.tca4j.tca.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.tca4j.tca.data.ImageDataset;
import org.tca4j.tca.data.LabeledImage;

/**
 * Runs every method over the same seeded stream, one image at a time, as test-time adaptation requires. Each image
 * is read (and corrupted) once and handed to every method in turn; each method keeps its own state. Checkpoints
 * ({@code OUT/checkpoints/METHOD.ckpt}) are written atomically every {@code checkpointEvery} images, at the end, on
 * an error and on Ctrl-C, so {@code resume} continues without losing or repeating an image.
 */
public final class EvalRunner {
    /**
     * How to run.
     *
     * @param outDir where checkpoints (and later the reports) go
     * @param resume continue from matching checkpoints instead of starting over
     * @param checkpointEvery images between checkpoints
     * @param progress where the progress bar goes (standard error), or null for none
     * @param terminal whether {@code progress} is a terminal (redraw in place)
     */
    public record Options(Path outDir, boolean resume, int checkpointEvery, PrintStream progress, boolean terminal) {}

    private EvalRunner() {}

    /**
     * What a run produced.
     *
     * @param results one row per method, in the given order
     * @param streamIndices the dataset index of each stream position
     * @param labels the true label per stream position
     * @param predictions per method, the predicted label per stream position
     */
    public record Outcome(List<MethodResult> results, int[] streamIndices, int[] labels, List<int[]> predictions) {}

    /** Runs (or resumes) every method over the stream. */
    public static Outcome run(EvalSettings settings, ImageDataset dataset, List<StreamMethod> methods,
            Options options) throws IOException {
        int[] order = StreamOrder.of(dataset.size(), settings.seed(), settings.limit());
        List<MethodTally> tallies = new ArrayList<>();
        for (StreamMethod m : methods) {
            tallies.add(start(settings, m, order.length, options));
        }
        int first = tallies.stream().mapToInt(t -> t.done).min().orElse(order.length);
        int doneAtStart = first;
        ProgressBar bar = options.progress() == null ? null : new ProgressBar(options.progress(), options.terminal());
        Interrupt interrupt = Interrupt.install();
        try {
            for (int pos = first; pos < order.length && !interrupt.requested(); pos++) {
                LabeledImage item = dataset.get(order[pos]);
                for (int k = 0; k < methods.size(); k++) {
                    if (tallies.get(k).done == pos) {
                        long t0 = System.nanoTime();
                        Prediction p = methods.get(k).classify(item.image());
                        tallies.get(k).add(item.label(), p, System.nanoTime() - t0);
                    }
                }
                if ((pos + 1) % options.checkpointEvery() == 0) {
                    saveAll(settings, methods, tallies, order.length, options);
                }
                if (bar != null) {
                    bar.update(pos + 1, order.length, doneAtStart, runningAccuracies(tallies), pos + 1 == order.length);
                }
            }
        } finally {
            saveAll(settings, methods, tallies, order.length, options);
            interrupt.finished();
        }
        if (interrupt.requested()) {
            throw new IOException("interrupted; progress saved in " + options.outDir().resolve("checkpoints")
                    + ", continue with --resume");
        }
        List<MethodResult> results = new ArrayList<>();
        List<int[]> predictions = new ArrayList<>();
        for (MethodTally t : tallies) {
            results.add(result(t));
            predictions.add(t.predictions.clone());
        }
        int[] labels = tallies.isEmpty() ? new int[order.length] : tallies.getFirst().labels.clone();
        return new Outcome(results, order, labels, predictions);
    }

    private static MethodTally start(EvalSettings settings, StreamMethod m, int length, Options options) throws IOException {
        m.reset();
        Path file = checkpoint(options, m);
        if (options.resume()) {
            MethodTally.Restored r = MethodTally.load(file, m.name(), settings.fingerprint(m.name()), length);
            if (r != null) {
                m.restoreState(r.state());
                return r.tally();
            }
        }
        return new MethodTally(m.name(), length);
    }

    private static void saveAll(EvalSettings settings, List<StreamMethod> methods, List<MethodTally> tallies, int length,
            Options options) throws IOException {
        for (int k = 0; k < methods.size(); k++) {
            StreamMethod m = methods.get(k);
            tallies.get(k).save(checkpoint(options, m), settings.fingerprint(m.name()), m.saveState());
        }
    }

    private static Path checkpoint(Options options, StreamMethod m) {
        return options.outDir().resolve("checkpoints").resolve(m.name().replaceAll("[^A-Za-z0-9._-]", "_") + ".ckpt");
    }

    private static String runningAccuracies(List<MethodTally> tallies) {
        StringBuilder sb = new StringBuilder();
        for (MethodTally t : tallies) {
            sb.append(String.format(Locale.ROOT, "%s %.1f%%  ", t.method, 100 * t.accuracy()));
        }
        return sb.toString().strip();
    }

    private static MethodResult result(MethodTally t) {
        double[] meanTokens = new double[t.tokenSums.length];
        for (int b = 0; b < meanTokens.length; b++) {
            meanTokens[b] = t.done == 0 ? 0 : (double) t.tokenSums[b] / t.done;
        }
        return new MethodResult(t.method, t.done, t.correct, t.done == 0 ? 0 : t.gflopsSum / t.done, meanTokens,
                t.nanos / 1e9);
    }

    /** Ctrl-C asks the loop to stop after the current image and waits (briefly) for the checkpoints. */
    private static final class Interrupt {
        private volatile boolean requested;
        private final CountDownLatch saved = new CountDownLatch(1);
        private Thread hook;

        static Interrupt install() {
            Interrupt i = new Interrupt();
            i.hook = new Thread(() -> {
                i.requested = true;
                try {
                    i.saved.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "tca4j-eval-interrupt");
            Runtime.getRuntime().addShutdownHook(i.hook);
            return i;
        }

        boolean requested() {
            return requested;
        }

        void finished() {
            saved.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting; the hook has what it waited for
            }
        }
    }
}
