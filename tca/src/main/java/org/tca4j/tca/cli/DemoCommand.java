package org.tca4j.tca.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.tca4j.core.flops.FlopCounter;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.vit.condense.TokenCondenser;
import org.tca4j.vit.model.ForwardTrace;
import org.tca4j.vit.model.ImageEncoding;

/**
 * {@code demo}: runs the sample photos through a model, by default a seeded synthetic ViT-B/16 so it needs nothing
 * downloaded, and prints per image the tokens per block, the fvcore GFLOPs and the time of the pass.
 */
final class DemoCommand implements Command {
    /** Where the sample photos live in the repository. */
    static final String SAMPLES = "testdata/openclip/images";

    private final Function<String, Session> sessions;

    DemoCommand(Function<String, Session> sessions) {
        this.sessions = sessions;
    }

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "run the sample photos through a model (synthetic ViT-B/16 by default): tokens, GFLOPs, ms";
    }

    @Override
    public String help() {
        return """
                Usage: tca4j demo [--model FILE|synthetic:ViT-B-16] [--images DIR]

                Encodes each sample photo once and prints the tokens leaving each block, the work of the pass in
                GFLOPs (fvcore's convention, as in the TCA paper) and its time. With the default synthetic model
                the weights are seeded random numbers: the work and the timing are real, the embeddings mean
                nothing.

                  --model M    a tca4j model file, or synthetic:NAME (default synthetic:ViT-B-16)
                  --images D   the photos (default: %s in the repository)""".formatted(SAMPLES);
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("model", "images");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + args.positional().getFirst() + "'");
        }
        String spec = args.get("model", ModelSpec.SYNTHETIC + "ViT-B-16");
        Path dir = args.has("images") ? Path.of(args.get("images", "")) : samples();
        List<Path> images = ImageFiles.expand(List.of(dir.toString()));
        if (images.isEmpty()) {
            throw new UsageException("no images in " + dir);
        }
        Session session = sessions.apply(spec);
        out.println("tca4j demo: " + spec + (session.synthetic()
                ? " -- SYNTHETIC weights (seeded random): the work and the timing are real, the embeddings mean nothing"
                : ""));
        out.printf(Locale.ROOT, "%-32s %14s %8s %10s%n", "image", "tokens/block", "GFLOPs", "ms");
        int failures = 0;
        for (Path image : images) {
            try {
                FloatMatrix pixels = session.loadImage(image);
                FlopCounter counter = new FlopCounter();
                ImageEncoding[] result = new ImageEncoding[1];
                long t0 = System.nanoTime();
                FlopCounter.measure(counter, () -> {
                    result[0] = session.clip().visual().encode(pixels, TokenCondenser.NONE, ForwardTrace.NONE);
                });
                double ms = (System.nanoTime() - t0) / 1e6;
                out.printf(Locale.ROOT, "%-32s %14s %8.2f %10.1f%n", image.getFileName(), tokens(result[0]),
                        counter.fvcoreGflops(), ms);
            } catch (IOException | IllegalArgumentException e) {
                err.println("tca4j demo: skipped " + Skips.describe(image, e));
                failures++;
            }
        }
        return failures > 0 ? 1 : 0;
    }

    /** "197" when every block kept all rows, else "197→…→64" (first and last block). */
    private static String tokens(ImageEncoding e) {
        int[] n = e.tokensPerBlock();
        return n[0] == n[n.length - 1] ? Integer.toString(n[0]) : n[0] + "→" + n[n.length - 1];
    }

    /** The sample photos: below the working directory, or below the repository the JAR was built in. */
    private static Path samples() throws IOException {
        Path here = Path.of(SAMPLES);
        if (Files.isDirectory(here)) {
            return here;
        }
        try {
            Path jar = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve(SAMPLES))) {
                    return p.resolve(SAMPLES);
                }
            }
        } catch (URISyntaxException | SecurityException e) {
            throw new IOException("cannot locate the sample photos: " + e.getMessage(), e);
        }
        throw new UsageException("the sample photos (" + SAMPLES + ") are not here; give --images DIR");
    }
}
