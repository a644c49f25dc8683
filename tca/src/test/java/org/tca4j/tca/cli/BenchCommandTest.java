package org.tca4j.tca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

    private int run(String... argv) {
        return new Main(Main.defaultCommands()).run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void badUsageExitsWithTwoAndSaysWhy() {
        assertThat(run("bench")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("which benchmark");
        assertThat(run("bench", "gemmm")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown benchmark 'gemmm'");
        assertThat(run("bench", "gemm", "--threads", "zero")).isEqualTo(2);
        assertThat(run("bench", "gemm", "--threads", "0")).isEqualTo(2);
        assertThat(run("bench", "peak", "extra")).isEqualTo(2);
        assertThat(out.size()).isZero();
    }

    @Test
    void optionsOfAnotherBenchmarkAreRejected() {
        BenchCommand bench = new BenchCommand(List.of(new BenchPeak(), new Fake()));
        Main main = new Main(List.of(bench));
        int code = main.run(new String[] {"bench", "peak", "--model", "m.tca"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bench peak has no option --model");
    }

    @Test
    void helpListsEveryBenchmark() {
        assertThat(run("bench", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("tca4j bench gemm [--threads T] [--json]")
                .contains("tca4j bench peak [--threads T] [--json]");
    }

    @Test
    void peakPrintsAPlausibleThroughputAsJson() {
        assertThat(run("bench", "peak", "--threads", "1", "--json")).isZero();
        String json = out.toString(StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"gflops_per_s\": ([0-9.]+)").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        // One thread does at least one FMA lane per nanosecond on anything that runs the tests.
        assertThat(Double.parseDouble(m.group(1))).as(json).isGreaterThan(1.0);
        assertThat(json).startsWith("[{\"threads\": 1,").endsWith("]\n");
    }

    /** A second benchmark with its own option, as {@code bench encoder} will be. */
    private static final class Fake implements Command {
        @Override public String name() { return "fake"; }
        @Override public String summary() { return "fake"; }
        @Override public String help() { return "Usage: tca4j bench fake --model FILE"; }
        @Override public java.util.Set<String> valuedOptions() { return java.util.Set.of("model"); }
        @Override public int run(Args args, PrintStream o, PrintStream e) { return 0; }
    }
}
