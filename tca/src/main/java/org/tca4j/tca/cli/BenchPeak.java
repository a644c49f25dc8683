package org.tca4j.tca.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code bench peak}: the machine's float32 FMA throughput from Java, the ceiling of every kernel. */
final class BenchPeak implements Command {
    static final int TRIALS = 5;
    static final long WINDOW_MILLIS = 200;

    @Override
    public String name() {
        return "peak";
    }

    @Override
    public String summary() {
        return "FP32 FMA peak of this machine from Java, GFLOP/s on 1 and all cores";
    }

    @Override
    public String help() {
        return """
                Usage: tca4j bench peak [--threads T] [--json]

                Measures the float32 fused multiply-add throughput from Java: 16 independent FMA chains per thread
                on vectors of the preferred species, %d windows of %d ms after a warm-up; prints the median and
                the best window in GFLOP/s (two operations per FMA and lane).

                  --threads T  measure with T threads only (default: 1 thread and all %d cores)
                  --json       one JSON object per thread count, in a list""".formatted(
                TRIALS, WINDOW_MILLIS, Runtime.getRuntime().availableProcessors());
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
        List<FmaPeak.Result> results = new ArrayList<>();
        for (int threads : threadCounts(args)) {
            results.add(FmaPeak.measure(threads, TRIALS, WINDOW_MILLIS));
        }
        if (args.flag("json")) {
            out.println(toJson(results));
        } else {
            for (FmaPeak.Result r : results) {
                out.printf(Locale.ROOT, "%d thread%s: %.1f GFLOP/s median, %.1f best (%.1f per thread; %s)%n",
                        r.threads(), r.threads() == 1 ? "" : "s", r.medianGflops(), r.bestGflops(),
                        r.medianGflops() / r.threads(), r.species());
            }
        }
        return 0;
    }

    /** {@code --threads T}, or 1 and all cores. */
    static List<Integer> threadCounts(Args args) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (args.has("threads")) {
            return List.of(args.getInt("threads", 1, 1, 1024));
        }
        return cores == 1 ? List.of(1) : List.of(1, cores);
    }

    static String toJson(List<FmaPeak.Result> results) {
        StringBuilder sb = new StringBuilder("[");
        for (FmaPeak.Result r : results) {
            sb.append(sb.length() > 1 ? ",\n " : "").append(String.format(Locale.ROOT,
                    "{\"threads\": %d, \"gflops_per_s\": %.2f, \"best_gflops_per_s\": %.2f, \"vector_bits\": %d, "
                            + "\"chains\": %d}",
                    r.threads(), r.medianGflops(), r.bestGflops(), FmaPeak.SPECIES.vectorBitSize(), FmaPeak.CHAINS));
        }
        return sb.append("]").toString();
    }
}
