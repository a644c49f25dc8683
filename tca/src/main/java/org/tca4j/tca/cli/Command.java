package org.tca4j.tca.cli;

import java.io.PrintStream;
import java.util.Set;

/** One subcommand of the {@code tca4j} command line. */
public interface Command {
    /** The word that selects it, e.g. {@code classify}. */
    String name();

    /** One line for the command list. */
    String summary();

    /** The full help text, starting with the usage line. */
    String help();

    /** Options that take a value, without the leading dashes. */
    default Set<String> valuedOptions() {
        return Set.of();
    }

    /** Options that take no value, without the leading dashes. */
    default Set<String> flagOptions() {
        return Set.of();
    }

    /**
     * Runs with the arguments after the command word. Returns the exit code: 0 success, 1 failure.
     * Throws {@link UsageException} for bad usage (exit code 2).
     */
    int run(Args args, PrintStream out, PrintStream err) throws Exception;
}
