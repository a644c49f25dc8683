package org.tca4j.tca.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.tca4j.tca.io.AtomicFiles;

/**
 * Writes a run's reports, each atomically. The result files ({@code results.md}, {@code results.csv},
 * {@code results.json}, {@code predictions.csv}, {@code accuracy-gflops.png}) hold only deterministic numbers, so
 * two runs with the same settings give byte-identical files; timings go to {@code timing.csv} and to the table
 * printed on standard output ({@link #table(List, boolean)}).
 */
public final class Reports {
    private Reports() {}

    /** Writes every report into {@code outDir}. */
    public static void writeAll(Path outDir, EvalSettings settings, String datasetDescription,
            EvalRunner.Outcome outcome, List<String> classNames, String machine) throws IOException {
        List<MethodResult> results = outcome.results();
        AtomicFiles.writeString(outDir.resolve("results.md"), markdown(settings, datasetDescription, results));
        AtomicFiles.writeString(outDir.resolve("results.csv"), csv(results));
        AtomicFiles.writeString(outDir.resolve("results.json"), json(settings, datasetDescription, results));
        AtomicFiles.writeString(outDir.resolve("predictions.csv"), predictions(outcome, classNames));
        AtomicFiles.writeString(outDir.resolve("timing.csv"), timing(results, machine));
        // the description of a shifted dataset already names the shift
        AtomicFiles.write(outDir.resolve("accuracy-gflops.png"), AccuracyPlot.png(results, datasetDescription));
    }

    /** The Markdown table; with {@code timing}, the images-per-second column too. */
    public static String table(List<MethodResult> results, boolean timing) {
        StringBuilder sb = new StringBuilder("| method | images | top-1 % | GFLOPs / image |"
                + (timing ? " images / s |" : "") + " tokens per block |\n|---|---:|---:|---:|"
                + (timing ? "---:|" : "") + "---|\n");
        for (MethodResult r : results) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.4f |", r.method(), r.images(),
                    r.accuracyPercent(), r.meanGflops()));
            if (timing) {
                sb.append(String.format(Locale.ROOT, " %.1f |", r.imagesPerSecond()));
            }
            sb.append(' ').append(r.schedule()).append(" |\n");
        }
        return sb.toString();
    }

    static String markdown(EvalSettings s, String dataset, List<MethodResult> results) {
        return "# tca4j eval\n\n"
                + "- model: " + s.model() + "\n"
                + "- dataset: " + dataset + " (`" + s.dataset() + "`)\n"
                + "- shift: " + s.shift() + "\n"
                + "- prompts: " + s.prompts() + "\n"
                + "- seed: " + s.seed() + ", limit: " + (s.limit() == 0 ? "all" : s.limit()) + "\n\n"
                + table(results, false);
    }

    static String csv(List<MethodResult> results) {
        StringBuilder sb = new StringBuilder("method,images,correct,top1_percent,mean_gflops,tokens_per_block\n");
        for (MethodResult r : results) {
            sb.append(String.format(Locale.ROOT, "%s,%d,%d,%.4f,%.6f,%s%n", r.method(), r.images(), r.correct(),
                    r.accuracyPercent(), r.meanGflops(), tokens(r.meanTokens(), " ")));
        }
        return sb.toString();
    }

    static String json(EvalSettings s, String dataset, List<MethodResult> results) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"model\": ").append(quote(s.model())).append(",\n");
        sb.append("  \"dataset\": ").append(quote(s.dataset())).append(",\n");
        sb.append("  \"dataset_description\": ").append(quote(dataset)).append(",\n");
        sb.append("  \"shift\": ").append(quote(s.shift())).append(",\n");
        sb.append("  \"prompts\": ").append(quote(s.prompts())).append(",\n");
        sb.append("  \"seed\": ").append(s.seed()).append(",\n");
        sb.append("  \"limit\": ").append(s.limit()).append(",\n");
        sb.append("  \"methods\": [");
        for (int i = 0; i < results.size(); i++) {
            MethodResult r = results.get(i);
            sb.append(i == 0 ? "\n" : ",\n");
            sb.append(String.format(Locale.ROOT, "    {\"method\": %s, \"images\": %d, \"correct\": %d, "
                            + "\"top1_percent\": %.4f, \"mean_gflops\": %.6f, \"tokens_per_block\": [%s], "
                            + "\"schedule\": %s}",
                    quote(r.method()), r.images(), r.correct(), r.accuracyPercent(), r.meanGflops(),
                    tokens(r.meanTokens(), ", "), quote(r.schedule())));
        }
        sb.append("\n  ]\n}\n");
        return sb.toString();
    }

    static String predictions(EvalRunner.Outcome o, List<String> classNames) {
        StringBuilder sb = new StringBuilder("position,index,label");
        for (MethodResult r : o.results()) {
            sb.append(',').append(r.method());
        }
        sb.append('\n');
        for (int pos = 0; pos < o.streamIndices().length; pos++) {
            sb.append(pos).append(',').append(o.streamIndices()[pos]).append(',').append(o.labels()[pos]);
            for (int[] p : o.predictions()) {
                sb.append(',').append(p[pos]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String timing(List<MethodResult> results, String machine) {
        StringBuilder sb = new StringBuilder("method,images,seconds,images_per_second,machine\n");
        for (MethodResult r : results) {
            sb.append(String.format(Locale.ROOT, "%s,%d,%.3f,%.2f,%s%n", r.method(), r.images(), r.seconds(),
                    r.imagesPerSecond(), quote(machine)));
        }
        return sb.toString();
    }

    private static String tokens(double[] t, String separator) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.length; i++) {
            sb.append(i == 0 ? "" : separator).append(String.format(Locale.ROOT, "%.2f", t[i]));
        }
        return sb.toString();
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
