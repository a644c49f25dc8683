package org.tca4j.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.incubator.vector.VectorShape;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.tca4j.tca.cli.FmaPeak;
import org.tca4j.tca.cli.GemmShape;

/**
 * Runs {@link MatMulBench} and {@link PeakBench} and prints the Markdown tables of the README: GFLOP/s per shape and
 * rung, the share of the FMA peak measured in the same run, and the ratio to OpenBLAS, on 1 and 2 threads.
 *
 * <p>Takes JMH's own command line options (e.g. {@code -p shape=197x768->2304}, {@code -i 10}, {@code -o log},
 * {@code -rf json -rff results.json}); without {@code -e}/includes it runs both benchmarks. Every figure is the
 * median of the measurement iterations of one fork.
 */
public final class GemmReport {
    private static final String MATMUL = MatMulBench.class.getName() + ".";
    private static final String PEAK = PeakBench.class.getName() + ".";

    /** Medians in GFLOP/s, keyed by {@code method|shape|threads}. */
    private final Map<String, Double> gflops = new HashMap<>();
    private final List<GemmShape> shapes = new ArrayList<>();

    private GemmReport() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(MatMulBench.class.getSimpleName()).include(PeakBench.class.getSimpleName());
        }
        String blas = describeOpenBlas();
        Collection<RunResult> results = new Runner(options.build()).run();
        GemmReport report = new GemmReport();
        results.forEach(report::add);
        String markdown = report.markdown(blas);
        ReportOutput.publish(markdown);
    }

    private static String describeOpenBlas() {
        try {
            return OpenBlas.load().describe();
        } catch (RuntimeException e) {
            return "not available (" + e.getMessage() + ")";
        }
    }

    private void add(RunResult r) {
        String benchmark = r.getParams().getBenchmark();
        double opsPerSecond = r.getPrimaryResult().getStatistics().getPercentile(50);
        if (benchmark.startsWith(PEAK)) {
            String method = benchmark.substring(PEAK.length());
            double flopsPerOp = (double) PeakBench.ROUNDS * FmaPeak.flopsPerRound();
            gflops.put(key("peak", "-", method.substring("fma".length())), opsPerSecond * flopsPerOp / 1e9);
        } else if (benchmark.startsWith(MATMUL)) {
            String method = benchmark.substring(MATMUL.length());
            String shape = r.getParams().getParam("shape");
            String threads = r.getParams().getParam("threads");
            GemmShape dims = GemmShape.parse(shape);
            if (!shapes.contains(dims)) {
                shapes.add(dims);
            }
            gflops.put(key(method, shape, threads == null ? "1" : threads), opsPerSecond * dims.flops() / 1e9);
        }
    }

    private static String key(String method, String shape, String threads) {
        return method + "|" + shape + "|" + threads;
    }

    private Double get(String method, GemmShape shape, int threads) {
        return gflops.get(key(method, shape == null ? "-" : shape.label(), Integer.toString(threads)));
    }

    String markdown(String blas) {
        StringBuilder sb = new StringBuilder();
        Double peak1 = get("peak", null, 1), peak2 = get("peak", null, 2);
        sb.append(String.format(Locale.ROOT, "Machine: %s, %d cores; %s %s; preferred vector %d-bit; %s%n",
                ReportOutput.cpuModel(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                Runtime.version(), VectorShape.preferredShape().vectorBitSize(), LocalDate.now()));
        sb.append("OpenBLAS: ").append(blas).append('\n');
        sb.append(String.format(Locale.ROOT, "FMA peak (median, GFLOP/s): %s on 1 thread, %s on 2 threads%n%n",
                num(peak1, 1), num(peak2, 1)));
        sb.append("| shape | M×K→N | threads | tca4j GFLOP/s | % of peak | OpenBLAS GFLOP/s | % of peak "
                + "| tca4j / OpenBLAS |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (GemmShape s : shapes) {
            for (int t : new int[] {1, 2}) {
                Double ours = get("simd", s, t), theirs = get("openblas", s, t);
                Double peak = t == 1 ? peak1 : peak2;
                sb.append(String.format(Locale.ROOT, "| %s | %d×%d→%d | %d | %s | %s | %s | %s | %s |%n",
                        s.name(), s.m(), s.k(), s.n(), t, num(ours, 1), pct(ours, peak), num(theirs, 1),
                        pct(theirs, peak), ratio(ours, theirs)));
            }
        }
        sb.append("\nThe ladder (GFLOP/s; % of the 1-thread peak in brackets):\n\n");
        sb.append("| shape | scalar | SIMD 256-bit | SIMD preferred | SIMD preferred, 2 threads |\n"
                + "|---|---:|---:|---:|---:|\n");
        for (GemmShape s : shapes) {
            sb.append(String.format(Locale.ROOT, "| %s %d×%d→%d | %s | %s | %s | %s |%n", s.name(), s.m(), s.k(),
                    s.n(), cell(get("scalar", s, 1), peak1), cell(get("simd256", s, 1), peak1),
                    cell(get("simd", s, 1), peak1), cell(get("simd", s, 2), peak1)));
        }
        return sb.toString();
    }

    private static String cell(Double gflops, Double peak) {
        return gflops == null ? "–" : num(gflops, 1) + " (" + pct(gflops, peak) + ")";
    }

    private static String num(Double v, int decimals) {
        return v == null ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String pct(Double v, Double of) {
        return v == null || of == null ? "–" : String.format(Locale.ROOT, "%.0f %%", 100 * v / of);
    }

    private static String ratio(Double a, Double b) {
        return a == null || b == null ? "–" : String.format(Locale.ROOT, "%.2f", a / b);
    }
}
