package org.tca4j.bench;

import java.time.LocalDate;
import java.util.Locale;
import org.tca4j.core.simd.Simd;

/**
 * tca4j's encoders against ONNX Runtime's, interleaved in one JVM: each round encodes the same input once with
 * each engine, and the table reports the median milliseconds of each and the median of the per-round ratios, so a
 * busy machine's load, shared by neighbours in time, cancels out of the ratio (see {@link GemmDuel}).
 *
 * <p>Usage: {@code java ... org.tca4j.bench.EncoderDuel [ROUNDS [IMAGE_BATCH [PROMPTS]]]} (defaults 7, 1, 1), with
 * the models of {@link OnnxModels#dir()}; both engines are checked against torch's features first.
 */
public final class EncoderDuel {
    private EncoderDuel() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int prompts = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "Machine: %s, %d cores; Java %s; %s; %s%nInterleaved: %d rounds, one call per engine per round, each after a "
                        + Settle.PAUSE_MILLIS + " ms pause; medians%n%n"
                        + "| encoder | batch | threads | tca4j ms | ONNX Runtime ms | tca4j / ONNX Runtime |%n"
                        + "|---|---:|---:|---:|---:|---:|%n",
                ReportOutput.cpuModel(), Runtime.getRuntime().availableProcessors(), Runtime.version(),
                Simd.describe(), LocalDate.now(), rounds));
        for (int threads : new int[] {1, 2}) {
            sb.append(images(threads, batch, rounds)).append(texts(threads, prompts, rounds));
            System.err.printf(Locale.ROOT, "EncoderDuel: %d threads done%n", threads);
        }
        ReportOutput.publish(sb.toString());
    }

    private static String images(int threads, int batch, int rounds) throws Exception {
        TcaEncoderBench.Images ours = new TcaEncoderBench.Images();
        ours.threads = threads;
        ours.batch = batch;
        ours.setUp();
        OnnxEncoderBench.Images theirs = new OnnxEncoderBench.Images();
        theirs.threads = threads;
        theirs.batch = batch;
        theirs.setUp();
        try {
            return row("image", batch, threads, rounds, () -> ours.runner.images(ours.pixels),
                    () -> theirs.run("pixels", theirs.pixels));
        } finally {
            ours.close();
            theirs.close();
        }
    }

    private static String texts(int threads, int prompts, int rounds) throws Exception {
        TcaEncoderBench.Texts ours = new TcaEncoderBench.Texts();
        ours.threads = threads;
        ours.prompts = prompts;
        ours.setUp();
        OnnxEncoderBench.Texts theirs = new OnnxEncoderBench.Texts();
        theirs.threads = threads;
        theirs.prompts = prompts;
        theirs.setUp();
        try {
            return row("text", prompts, threads, rounds, () -> ours.runner.texts(ours.tokens),
                    () -> theirs.run("tokens", theirs.tokens));
        } finally {
            ours.close();
            theirs.close();
        }
    }

    private interface Call {
        Object run() throws Exception;
    }

    /**
     * {@link #WARMUP_CALLS} warm-up calls each (one was too few: tca4j's image encoder was still 30 % slower than
     * its steady state, the JIT compiling its kernels), then {@code rounds} rounds of one timed call each.
     */
    /** Untimed calls per engine before the rounds. */
    static final int WARMUP_CALLS = 4;

    private static String row(String encoder, int size, int threads, int rounds, Call ours, Call theirs)
            throws Exception {
        for (int i = 0; i < WARMUP_CALLS; i++) {
            ours.run();
            Settle.pause();
            theirs.run();
            Settle.pause();
        }
        double[] a = new double[rounds], b = new double[rounds], ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            a[r] = millis(ours);
            Settle.pause();
            b[r] = millis(theirs);
            Settle.pause();
            ratio[r] = a[r] / b[r];
        }
        return String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %.2f |%n", encoder, size, threads,
                median(a), median(b), median(ratio));
    }

    private static double millis(Call call) throws Exception {
        long t0 = System.nanoTime();
        call.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
