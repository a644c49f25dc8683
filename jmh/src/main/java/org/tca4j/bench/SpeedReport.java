package org.tca4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.vit.model.VisionTransformer;

/**
 * Runs {@link CondensedPassBench} and {@link StreamBench} and prints the speed table of {@code docs/tca-speed.md}:
 * per method and thread count the fvcore GFLOPs of a pass and the saving they predict, the measured milliseconds
 * per image and the saving they show, the share of the predicted saving that shows in wall time, the stream's
 * images per second, and the bookkeeping (the condenser's work plus everything of {@code classify} outside the
 * tower pass) as a share of the pass.
 *
 * <p>Takes JMH's command line options (e.g. {@code -p method=full,tca-0.105 -p threads=1}); every time is the
 * median of the measurement iterations of one fork.
 */
public final class SpeedReport {
    private static final String PASS = CondensedPassBench.class.getName() + ".";
    private static final String STREAM = StreamBench.class.getName() + ".";
    private static final String PAIRED = PairedPassBench.class.getName() + ".";

    /** Per {@code method|threads}: pass ms, stream images/s, and the stream's summed split. */
    private final Map<String, Double> passMs = new HashMap<>();
    private final Map<String, Double> imagesPerSecond = new HashMap<>();
    private final Map<String, double[]> split = new HashMap<>();   // passNs, condenserNs, outsideNs
    private final Map<String, Double> pairedSaving = new HashMap<>();

    private SpeedReport() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(CondensedPassBench.class.getSimpleName()).include(StreamBench.class.getSimpleName())
                    .include(PairedPassBench.class.getSimpleName());
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        SpeedReport report = new SpeedReport();
        results.forEach(report::add);
        String markdown = report.markdown(gflopsPerMethod());
        ReportOutput.publish(markdown);
    }

    /** The fvcore GFLOPs of one pass per method, counted on the benchmarks' first image. */
    private static Map<String, Double> gflopsPerMethod() {
        VisionTransformer tower = SyntheticVit.tower();
        FloatMatrix image = SyntheticVit.images(tower, 1)[0];
        Map<String, Double> g = new LinkedHashMap<>();
        for (String m : SyntheticVit.METHODS) {
            g.put(m, SyntheticVit.gflops(tower, SyntheticVit.method(m), image));
        }
        return g;
    }

    private void add(RunResult r) {
        String benchmark = r.getParams().getBenchmark();
        String key = r.getParams().getParam("method") + "|" + r.getParams().getParam("threads");
        if (benchmark.startsWith(PASS)) {
            passMs.put(key, r.getPrimaryResult().getStatistics().getPercentile(50));
        } else if (benchmark.startsWith(PAIRED)) {
            double fullNs = 0, condensedNs = 0;
            for (BenchmarkResult b : r.getBenchmarkResults()) {
                for (IterationResult it : b.getIterationResults()) {
                    fullNs += score(it.getSecondaryResults(), "fullNs");
                    condensedNs += score(it.getSecondaryResults(), "condensedNs");
                }
            }
            pairedSaving.put(key, 1 - condensedNs / fullNs);
        } else if (benchmark.startsWith(STREAM)) {
            imagesPerSecond.put(key, r.getPrimaryResult().getStatistics().getPercentile(50));
            double[] sums = new double[3];
            for (BenchmarkResult b : r.getBenchmarkResults()) {
                for (IterationResult it : b.getIterationResults()) {
                    Map<String, Result> aux = it.getSecondaryResults();
                    sums[0] += score(aux, "passNs");
                    sums[1] += score(aux, "condenserNs");
                    sums[2] += score(aux, "outsideNs");
                }
            }
            split.put(key, sums);
        }
    }

    private static double score(Map<String, Result> aux, String name) {
        Result r = aux.get(name);
        if (r == null) {
            throw new IllegalStateException("the stream benchmark reported no " + name + " (aux counters: "
                    + aux.keySet() + ")");
        }
        return r.getScore();
    }

    String markdown(Map<String, Double> gflops) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Machine: %s, %d cores; %s %s; %s; load average at the end %s%n%n",
                ReportOutput.cpuModel(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                Runtime.version(), LocalDate.now(), loadAverage()));
        sb.append("| method | threads | GFLOPs | predicted saving | pass ms/image | measured saving "
                + "| shown / predicted | paired saving | paired shown / predicted | stream images/s "
                + "| condenser % of pass | rest of classify % of pass |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        double full = gflops.get("full");
        for (int t : new int[] {1, 2}) {
            Double fullMs = passMs.get("full|" + t);
            for (String m : SyntheticVit.METHODS) {
                String key = m + "|" + t;
                Double ms = passMs.get(key), ips = imagesPerSecond.get(key), paired = pairedSaving.get(key);
                if (ms == null && ips == null && paired == null) {
                    continue;
                }
                double predicted = 1 - gflops.get(m) / full;
                Double measured = ms == null || fullMs == null ? null : 1 - ms / fullMs;
                double[] s = split.get(key);
                sb.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                        m, t, gflops.get(m), pct(predicted), num(ms, 1), measured == null ? "–" : pct(measured),
                        m.equals("full") || measured == null ? "–" : pct(measured / predicted),
                        paired == null ? "–" : pct(paired), paired == null ? "–" : pct(paired / predicted),
                        num(ips, 2),
                        s == null ? "–" : pct(s[1] / s[0]), s == null ? "–" : pct(s[2] / s[0])));
            }
        }
        return sb.toString();
    }

    private static String num(Double v, int decimals) {
        return v == null ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }

    private static String loadAverage() {
        try {
            return List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3).toString();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
