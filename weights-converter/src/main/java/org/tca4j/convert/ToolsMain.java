package org.tca4j.convert;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.tca4j.vit.config.ClipConfig;
import org.tca4j.vit.io.ModelFile;
import org.tca4j.vit.io.TensorDType;

/**
 * {@code tca4j convert} and {@code tca4j inspect}. Exit codes: 0 done, 1 failed (the message names the file and the
 * problem), 2 usage error.
 */
public final class ToolsMain {
    static final String USAGE = """
            usage: tca4j convert SRC -o OUT [--model NAME] [--quick-gelu] [--dtype f32|f16|bf16] [--vocab FILE]
                                 [--pretrained TAG]
                   tca4j inspect FILE [--json]
            """;

    private ToolsMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 0) {
                throw new UsageException("no command given");
            }
            List<String> rest = List.of(args).subList(1, args.length);
            return switch (args[0]) {
                case "convert" -> convert(rest, out);
                case "inspect" -> inspect(rest, out);
                case "-h", "--help", "help" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            };
        } catch (UsageException e) {
            err.println("tca4j: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (IOException e) {
            err.println("tca4j: " + e.getMessage());
            return 1;
        }
    }

    private static int convert(List<String> args, PrintStream out) throws IOException, UsageException {
        Path source = null;
        Path target = null;
        ConvertOptions options = ConvertOptions.DEFAULTS;
        String model = null;
        String tag = null;
        Path vocab = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-o", "--output" -> target = Path.of(value(args, ++i, a));
                case "--model" -> model = value(args, ++i, a);
                case "--quick-gelu" -> options = options.withQuickGelu(true);
                case "--dtype" -> options = options.withDtype(dtype(value(args, ++i, a)));
                case "--vocab" -> vocab = Path.of(value(args, ++i, a));
                case "--pretrained" -> tag = value(args, ++i, a);
                default -> {
                    if (a.startsWith("-") || source != null) {
                        throw new UsageException("unexpected argument '" + a + "'");
                    }
                    source = Path.of(a);
                }
            }
        }
        if (source == null || target == null) {
            throw new UsageException("convert needs SRC and -o OUT");
        }
        options = new ConvertOptions(model, options.quickGelu(), options.dtype(), vocab, tag);
        long start = System.nanoTime();
        ClipConfig config = Converter.convert(source, target, options);
        out.printf("wrote %s (vision %d×%d layers, text %d×%d layers, %s) in %.1f s%n", target, config.vision().width(),
                config.vision().layers(), config.text().width(), config.text().layers(),
                config.vision().activation().fileName(), (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private static int inspect(List<String> args, PrintStream out) throws IOException, UsageException {
        Path file = null;
        boolean json = false;
        for (String a : args) {
            if (a.equals("--json")) {
                json = true;
            } else if (a.startsWith("-") || file != null) {
                throw new UsageException("unexpected argument '" + a + "'");
            } else {
                file = Path.of(a);
            }
        }
        if (file == null) {
            throw new UsageException("inspect needs FILE");
        }
        try (ModelFile model = ModelFile.open(file)) {
            out.print(json ? Inspection.json(model) : Inspection.text(model));
        }
        return 0;
    }

    private static TensorDType dtype(String name) throws UsageException {
        try {
            return TensorDType.fromCliName(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    /** A command line that does not parse (exit code 2). */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
