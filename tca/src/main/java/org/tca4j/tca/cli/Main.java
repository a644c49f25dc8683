package org.tca4j.tca.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code tca4j} command line. Exit codes: 0 success, 1 failure, 2 bad usage. Results go to standard output,
 * errors to standard error.
 */
public final class Main {
    /** The version printed by {@code --version}. */
    public static final String VERSION = "0.1.0-SNAPSHOT";

    private final Map<String, Command> commands = new LinkedHashMap<>();

    Main(List<Command> commands) {
        commands.forEach(c -> this.commands.put(c.name(), c));
    }

    /** The commands this build offers, in the order of the help text. */
    static List<Command> defaultCommands() {
        return List.of(new DemoCommand(Sessions::open), new ClassifyCommand(Sessions::open),
                new EmbedCommand(Sessions::open), new StreamCommand(Sessions::open), new ExplainCommand(Sessions::open),
                new EvalCommand(), BenchCommand.withDefaults());
    }

    public static void main(String[] argv) {
        int code = new Main(defaultCommands()).run(argv, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    int run(String[] argv, PrintStream out, PrintStream err) {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h") || argv[0].equals("help")) {
            if (argv.length > 1 && commands.containsKey(argv[1])) {
                out.println(commands.get(argv[1]).help());
            } else {
                out.print(usage());
            }
            return argv.length == 0 ? 2 : 0;
        }
        if (argv[0].equals("--version")) {
            out.println("tca4j " + VERSION + " (Java " + Runtime.version() + ")");
            return 0;
        }
        Command command = commands.get(argv[0]);
        if (command == null) {
            err.println("tca4j: unknown command '" + argv[0] + "'");
            err.print(usage());
            return 2;
        }
        String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
        if (List.of(rest).contains("--help")) {
            out.println(command.help());
            return 0;
        }
        try {
            return command.run(Args.parse(rest, command.valuedOptions(), command.flagOptions()), out, err);
        } catch (UsageException e) {
            err.println("tca4j " + command.name() + ": " + e.getMessage());
            err.println(command.help().lines().findFirst().orElse(""));
            return 2;
        } catch (Exception e) {
            err.println("tca4j " + command.name() + ": " + describe(e));
            return 1;
        }
    }

    static String describe(Throwable e) {
        String msg = e.getMessage();
        return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
    }

    String usage() {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: tca4j COMMAND [OPTIONS]\n\n");
        sb.append("OpenCLIP ViT-B/16 on the CPU in pure Java, adapted at test time by Token Condensation as Adaptation.\n\n");
        sb.append("Commands:\n");
        commands.values().forEach(c -> sb.append(String.format("  %-10s %s%n", c.name(), c.summary())));
        sb.append(String.format("  %-10s %s%n", "convert", "convert an OpenCLIP checkpoint into a tca4j model file"));
        sb.append(String.format("  %-10s %s%n", "inspect", "show a model file's config, provenance and tensors"));
        sb.append("\nOptions:\n  --help     this text; COMMAND --help for a command's options\n");
        sb.append("  --version  the version\n");
        return sb.toString();
    }
}
