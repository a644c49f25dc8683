package org.tca4j.tca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.core.testing.TestData;
import org.tca4j.vit.model.Clip;

/** Runs one command line in-process and keeps what it printed; sessions open the committed micro model. */
record CliRun(int exitCode, String out, String err) {
    /** The committed micro model file (real BPE vocabulary, 2 MB). */
    static Path microModel() {
        return TestData.path("models/micro-gelu.tca4j");
    }

    /** A sample photo from the golden set. */
    static Path photo(String name) {
        return TestData.path("openclip/images/" + name);
    }

    /** classify and embed with the given sessions. */
    static CliRun run(Function<String, Session> sessions, String... argv) {
        return run(new Main(List.of(new ClassifyCommand(sessions), new EmbedCommand(sessions))), argv);
    }

    /** The whole command line as {@code ./tca4j} runs it: every default command, real sessions. */
    static CliRun main(String... argv) {
        return run(new Main(Main.defaultCommands()), argv);
    }

    private static CliRun run(Main main, String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** {@code first} followed by {@code rest}: a command and its fixed options before a test's own arguments. */
    static String[] prefixed(String[] rest, String... first) {
        String[] argv = new String[first.length + rest.length];
        System.arraycopy(first, 0, argv, 0, first.length);
        System.arraycopy(rest, 0, argv, first.length, rest.length);
        return argv;
    }

    static CliRun run(String... argv) {
        return run(Sessions::open, argv);
    }

    /** Standard error shows messages only: no stack trace, no exception class names. */
    CliRun assertNoStackTrace() {
        assertThat(err).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("Error:");
        return this;
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A session that counts the texts it tokenizes, to see how many prompts a command built. */
    record CountingSession(Session inner, AtomicInteger tokenized) implements Session {
        CountingSession(Session inner) {
            this(inner, new AtomicInteger());
        }

        @Override
        public Clip clip() {
            return inner.clip();
        }

        @Override
        public boolean synthetic() {
            return inner.synthetic();
        }

        @Override
        public int[] tokenize(String text) {
            tokenized.incrementAndGet();
            return inner.tokenize(text);
        }

        @Override
        public FloatMatrix loadImage(Path file) throws IOException {
            return inner.loadImage(file);
        }
    }
}
