package org.tca4j.tca.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tca4j.core.kernels.Linear;
import org.tca4j.core.simd.Simd;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * {@code bench gemm}: GFLOP/s of tca4j's matmul at the ViT-B/16 shapes, as a share of the FMA peak measured in the
 * same process. A quick machine check; the JMH benchmarks in {@code jmh/} are the careful measurement.
 */
final class BenchGemm implements Command {
    static final long WARMUP_NANOS = 300_000_000L;
    static final long MEASURE_NANOS = 500_000_000L;
    static final int MIN_CALLS = 5;
    static final int CHECK_SAMPLES = 256;

    /** One measured shape. */
    record Row(GemmShape shape, int threads, double gflops, double pctOfPeak, double medianMillis) {}

    @Override
    public String name() {
        return "gemm";
    }

    @Override
    public String summary() {
        return "matmul GFLOP/s at the ViT-B/16 shapes and % of the measured FMA peak";
    }

    @Override
    public String help() {
        return """
                Usage: tca4j bench gemm [--threads T] [--json]

                Times y = x·Wᵀ at the ViT-B/16 shapes (image: 197 tokens, width 768; text: 77 tokens, width 512)
                with tca4j's matmul, after checking each result against the scalar definition. Prints the median
                GFLOP/s per shape and its share of the FMA peak measured on the same number of threads (the best of
                %d windows: on a busy machine the median would understate what the hardware can do).

                  --threads T  threads for the matmul and the peak (default: all %d cores)
                  --json       a list of objects: shape, m, k, n, threads, gflops_per_s, pct_of_peak, median_ms
                """.formatted(BenchPeak.TRIALS, Runtime.getRuntime().availableProcessors()).stripTrailing();
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("threads");
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of("json");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        int threads = args.getInt("threads", Runtime.getRuntime().availableProcessors(), 1, 1024);
        FmaPeak.Result peak = FmaPeak.measure(threads, BenchPeak.TRIALS, BenchPeak.WINDOW_MILLIS);
        List<Row> rows = new ArrayList<>();
        try (GemmDriver driver = new GemmDriver(threads)) {
            for (GemmShape shape : GemmShape.VIT_B16) {
                rows.add(measure(shape, driver, peak.bestGflops()));
            }
        }
        if (args.flag("json")) {
            out.println(toJson(rows));
        } else {
            out.printf(Locale.ROOT, "tca4j matmul, %d thread%s, %s; FMA peak %.1f GFLOP/s (best of %d windows)%n",
                    threads, threads == 1 ? "" : "s", Simd.describe(), peak.bestGflops(), BenchPeak.TRIALS);
            out.printf(Locale.ROOT, "%-15s %5s %5s %5s %9s %10s %9s%n",
                    "shape", "M", "K", "N", "GFLOP/s", "% of peak", "ms");
            for (Row r : rows) {
                GemmShape s = r.shape();
                out.printf(Locale.ROOT, "%-15s %5d %5d %5d %9.1f %9.1f%% %9.3f%n",
                        s.name(), s.m(), s.k(), s.n(), r.gflops(), r.pctOfPeak(), r.medianMillis());
            }
        }
        return 0;
    }

    /** Checks one shape against the scalar definition, warms it up, then times calls for a fixed window. */
    static Row measure(GemmShape shape, GemmDriver driver, double peakGflops) {
        long seed = 31L * shape.m() + 17L * shape.k() + shape.n();
        FloatMatrix x = GemmCheck.random(shape.m(), shape.k(), seed);
        FloatMatrix w = GemmCheck.random(shape.n(), shape.k(), seed + 1);
        Linear linear = Linear.of(w, null);
        FloatMatrix y = FloatMatrix.allocate(shape.m(), shape.n());
        driver.matmul(x, linear, y);
        GemmCheck.verifySampled("matmul " + shape.label(), x, w, y, CHECK_SAMPLES, seed);
        timeCalls(driver, x, linear, y, WARMUP_NANOS, 3);
        double[] nanos = timeCalls(driver, x, linear, y, MEASURE_NANOS, MIN_CALLS);
        Arrays.sort(nanos);
        double median = FmaPeak.median(nanos);
        double gflops = shape.flops() / median;
        return new Row(shape, driver.threads(), gflops, 100 * gflops / peakGflops, median / 1e6);
    }

    /** Calls the matmul until {@code budget} nanoseconds have passed and at least {@code minCalls} were made. */
    private static double[] timeCalls(GemmDriver driver, FloatMatrix x, Linear w, FloatMatrix y, long budget,
                                      int minCalls) {
        double[] times = new double[64];
        int calls = 0;
        long end = System.nanoTime() + budget;
        while (calls < minCalls || (System.nanoTime() < end && calls < 10_000)) {
            long t0 = System.nanoTime();
            driver.matmul(x, w, y);
            long t = System.nanoTime() - t0;
            if (calls == times.length) {
                times = Arrays.copyOf(times, calls * 2);
            }
            times[calls++] = t;
        }
        return Arrays.copyOf(times, calls);
    }

    static String toJson(List<Row> rows) {
        StringBuilder sb = new StringBuilder("[");
        for (Row r : rows) {
            GemmShape s = r.shape();
            sb.append(sb.length() > 1 ? ",\n " : "").append(String.format(Locale.ROOT,
                    "{\"shape\": \"%s\", \"m\": %d, \"k\": %d, \"n\": %d, \"threads\": %d, \"gflops_per_s\": %.2f, "
                            + "\"pct_of_peak\": %.1f, \"median_ms\": %.4f}",
                    s.name(), s.m(), s.k(), s.n(), r.threads(), r.gflops(), r.pctOfPeak(), r.medianMillis()));
        }
        return sb.append("]").toString();
    }
}
