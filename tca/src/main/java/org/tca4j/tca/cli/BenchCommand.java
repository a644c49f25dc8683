package org.tca4j.tca.cli;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code bench}: quick speed checks, chosen by the first word ({@code gemm}, {@code peak}, ...). Each benchmark is
 * a {@link Command} of its own; this one dispatches to it and rejects options that belong to another benchmark.
 */
final class BenchCommand implements Command {
    private final Map<String, Command> benchmarks = new LinkedHashMap<>();

    BenchCommand(List<Command> benchmarks) {
        benchmarks.forEach(b -> this.benchmarks.put(b.name(), b));
    }

    /** The benchmarks of this build. */
    static BenchCommand withDefaults() {
        return new BenchCommand(List.of(new BenchEncoder(), new BenchGemm(), new BenchPeak()));
    }

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "quick speed checks: " + String.join(", ", benchmarks.keySet());
    }

    @Override
    public String help() {
        StringBuilder sb = new StringBuilder("Usage: tca4j bench " + String.join("|", benchmarks.keySet())
                + " [OPTIONS]\n\nBenchmarks:\n");
        benchmarks.values().forEach(b -> sb.append(String.format("  %-8s %s%n", b.name(), b.summary())));
        benchmarks.values().forEach(b -> sb.append('\n').append(b.help()).append('\n'));
        return sb.toString().stripTrailing();
    }

    @Override
    public Set<String> valuedOptions() {
        return benchmarks.values().stream().flatMap(b -> b.valuedOptions().stream()).collect(Collectors.toSet());
    }

    @Override
    public Set<String> flagOptions() {
        return benchmarks.values().stream().flatMap(b -> b.flagOptions().stream()).collect(Collectors.toSet());
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        List<String> words = args.positional();
        if (words.isEmpty()) {
            throw new UsageException("which benchmark? one of " + String.join(", ", benchmarks.keySet()));
        }
        Command benchmark = benchmarks.get(words.getFirst());
        if (benchmark == null) {
            throw new UsageException("unknown benchmark '" + words.getFirst() + "', expected one of "
                    + String.join(", ", benchmarks.keySet()));
        }
        if (words.size() > 1) {
            throw new UsageException("unexpected argument '" + words.get(1) + "'");
        }
        Set<String> foreign = new HashSet<>(valuedOptions());
        foreign.removeAll(benchmark.valuedOptions());
        foreign.removeIf(o -> !args.has(o));
        Set<String> foreignFlags = new HashSet<>(flagOptions());
        foreignFlags.removeAll(benchmark.flagOptions());
        foreignFlags.removeIf(o -> !args.flag(o));
        foreign.addAll(foreignFlags);
        if (!foreign.isEmpty()) {
            throw new UsageException("bench " + benchmark.name() + " has no option --" + foreign.iterator().next());
        }
        return benchmark.run(args, out, err);
    }
}
