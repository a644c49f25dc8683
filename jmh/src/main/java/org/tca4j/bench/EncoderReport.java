package org.tca4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the encoder benchmarks ({@link TcaEncoderBench}, {@link OnnxEncoderBench}) and prints a Markdown table of milliseconds per call, one
 * row per case (encoder, batch or prompts, threads) and one column per engine, with PyTorch's figures added from
 * the tab-separated file {@code -Dtca4j.torch=FILE} ({@code jmh/scripts/torch_bench.py --tsv}) when given.
 *
 * <p>Takes JMH's own options like {@link GemmReport}; every figure is the median of one fork's iterations.
 */
public final class EncoderReport {
    /** Medians in ms per call: case → engine → value. */
    private final Map<String, Map<String, Double>> millis = new TreeMap<>();
    private final List<String> engines = new ArrayList<>();

    private EncoderReport() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(OnnxEncoderBench.class.getSimpleName()).include(TcaEncoderBench.class.getSimpleName());
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        EncoderReport report = new EncoderReport();
        results.forEach(report::add);
        String torch = System.getProperty("tca4j.torch");
        if (torch != null) {
            report.addTsv(Path.of(torch));
        }
        String markdown = report.markdown();
        ReportOutput.publish(markdown);
    }

    private void add(RunResult r) {
        String benchmark = r.getParams().getBenchmark();
        String engine = benchmark.contains("Onnx") ? "ONNX Runtime" : "tca4j";
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        String size = method.equals("image") ? r.getParams().getParam("batch") : r.getParams().getParam("prompts");
        double ms = r.getPrimaryResult().getStatistics().getPercentile(50);
        put(method, Integer.parseInt(size), Integer.parseInt(r.getParams().getParam("threads")), engine, ms);
    }

    /** Lines {@code engine<TAB>encoder<TAB>batch<TAB>threads<TAB>median_ms}. */
    private void addTsv(Path file) throws IOException {
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t");
            if (f.length == 5 && !f[0].equals("engine")) {
                put(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[0], Double.parseDouble(f[4]));
            }
        }
    }

    private void put(String encoder, int size, int threads, String engine, double ms) {
        String key = String.format(Locale.ROOT, "%s|%04d|%d", encoder, size, threads);
        millis.computeIfAbsent(key, k -> new TreeMap<>()).put(engine, ms);
        if (!engines.contains(engine)) {
            engines.add(engine);
        }
    }

    String markdown() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s, %d cores, Java %s, %s%n%n",
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), Runtime.version(),
                LocalDate.now()));
        sb.append("| encoder | batch | threads |");
        engines.forEach(e -> sb.append(' ').append(e).append(" ms |"));
        sb.append("\n|---|---:|---:|");
        engines.forEach(e -> sb.append("---:|"));
        sb.append('\n');
        millis.forEach((key, row) -> {
            String[] k = key.split("\\|");
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s |", k[0], Integer.parseInt(k[1]), k[2]));
            engines.forEach(e -> sb.append(row.containsKey(e)
                    ? String.format(Locale.ROOT, " %.1f |", row.get(e)) : " – |"));
            sb.append('\n');
        });
        return sb.toString();
    }
}
