package org.tca4j.tca.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.tca4j.core.kernels.Reductions;
import org.tca4j.core.simd.Parallel;
import org.tca4j.core.simd.Simd;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.config.Method;
import org.tca4j.tca.eval.MethodNames;
import org.tca4j.tca.eval.MethodResult;
import org.tca4j.vit.model.ZeroShotClassifier;

/**
 * {@code demo}: what tca4j does, with nothing downloaded. Part 1 classifies the sample images (real Fashion-MNIST test
 * images) with the embedded trained CLIP, once with the full pass and once with each condensed pass (TCA presets,
 * EViT, ToMe), and prints predictions against the truth, tokens per block, GFLOPs and time. Part 2 measures the same
 * methods' cost on a seeded synthetic ViT-B/16 (random weights: the cost is real, the outputs mean nothing). Part 3
 * writes the token map of one sample through {@code explain}.
 */
final class DemoCommand implements Command {
    /** The methods shown, by their {@code eval} names. */
    static final List<String> METHODS = List.of("zero-shot", "tca", "tca-0.105", "evit", "tome");
    /** The condensation drawn in the token map: r = 0.105 (r = 0.035 removes no token of a 50-token model). */
    static final String TOKEN_MAP_METHOD = "tca:r=0.105";
    private static final long CLASS_SEED = 6;

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
        return "real predictions of the embedded model on sample images, full vs condensed passes; ViT-B/16 cost";
    }

    @Override
    public String help() {
        return """
                Usage: tca4j demo [--model FILE --labels L | --labels-file F] [--images DIR]
                                  [--synthetic NAME|none] [--synthetic-images N] [--out DIR]

                1. Classifies the sample images (%s: real Fashion-MNIST test images, the true class in the
                   file name) with the embedded trained CLIP (models/fmnist-clip.tca4j) as one stream per method:
                   full pass (zero-shot), TCA r=0.035 and r=0.105, EViT and ToMe (r=0.1, blocks 3, 6, 9).
                   Prints each prediction against the truth, and per method the accuracy, tokens per block, GFLOPs
                   (fvcore's convention, as in the TCA paper) and the median time per image.
                2. The same methods' cost on a seeded SYNTHETIC ViT-B/16: random weights, so the tokens, GFLOPs
                   and times are real and the predictions mean nothing.
                3. Writes the token map of the first sample (%s; see explain) and prints its path.

                  --model FILE         a tca4j model file (default: the embedded model with its training labels)
                  --labels, --labels-file, --templates   the classes, required with --model
                  --images DIR         the images of part 1 (default: the samples)
                  --synthetic NAME     the synthetic model of part 2 (default ViT-B-16; none skips part 2)
                  --synthetic-images N images timed per method in part 2 (default 2)
                  --out DIR            where the token map goes (default: <temp dir>/tca4j-demo)"""
                .formatted(DemoSamples.DIRECTORY, TOKEN_MAP_METHOD);
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("model", "labels", "labels-file", "templates", "images", "synthetic", "synthetic-images", "out");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + args.positional().getFirst() + "'");
        }
        Path dir = args.has("images") ? Path.of(args.get("images", "")) : DemoSamples.locate();
        List<Path> images = ImageFiles.expand(List.of(dir.toString()));
        if (images.isEmpty()) {
            throw new UsageException("no images in " + dir);
        }
        String synthetic = args.get("synthetic", "ViT-B-16");
        int syntheticImages = args.getInt("synthetic-images", 2, 1, 1000);
        Path outDir = Path.of(args.get("out", Path.of(System.getProperty("java.io.tmpdir"), "tca4j-demo").toString()));
        out.println("tca4j demo on " + System.getProperty("os.arch") + ", " + Parallel.threads() + " threads, "
                + Simd.describe());
        List<FloatMatrix> pixels = realModel(args, images, out);
        if (!synthetic.equals("none")) {
            syntheticModel(ModelSpec.SYNTHETIC + synthetic, images.subList(0, Math.min(syntheticImages, images.size())),
                    out);
        }
        tokenMap(args, images.getFirst(), outDir, out, err);
        return pixels.size() < images.size() ? 1 : 0;
    }

    /** Part 1: real predictions of each method on the images. */
    private List<FloatMatrix> realModel(Args args, List<Path> images, PrintStream out) throws IOException {
        String spec = DefaultLabels.model(args);
        DefaultLabels.Labels labels = DefaultLabels.resolve(args);
        Session session = sessions.apply(spec);
        out.printf(Locale.ROOT, "%n1. Real predictions: %s%n   labels: %s, %d classes x %d templates%n", spec,
                labels.source(), labels.names().size(), labels.templates().size());
        if (session.synthetic()) {
            out.println("   (SYNTHETIC weights: the predictions mean nothing)");
        }
        FloatMatrix classes = ZeroShotClassifier.build(session.clip(), labels.names(), labels.templates(),
                session::tokenize).classEmbeddings();
        List<FloatMatrix> pixels = new ArrayList<>();
        List<Path> read = new ArrayList<>();
        for (Path image : images) {
            try {
                pixels.add(session.loadImage(image));
                read.add(image);
            } catch (IOException | IllegalArgumentException e) {
                out.println("   skipped " + Skips.describe(image, e));
            }
        }
        if (pixels.isEmpty()) {
            throw new UsageException("none of the images could be read");
        }
        int[] truths = read.stream().mapToInt(p -> DemoSamples.truth(p, labels.names())).toArray();
        List<DemoRun> runs = DemoRun.measure(METHODS, methods(), session.clip(), classes, pixels, truths,
                Math.min(pixels.size(), 5));
        printPredictions(read, truths, labels.names(), runs, out);
        out.printf(Locale.ROOT, "%n   %d images, each method one stream in this order (TCA's reservoir learns as it "
                + "goes)%n", pixels.size());
        printCosts(runs, true, out);
        return pixels;
    }

    /** Part 2: the cost of each method on a synthetic model of a standard shape. */
    private void syntheticModel(String spec, List<Path> images, PrintStream out) throws IOException {
        Session session = sessions.apply(spec);
        out.printf(Locale.ROOT, "%n2. Cost on %s -- SYNTHETIC weights (seeded random): the tokens, GFLOPs and times "
                + "are real, the predictions mean nothing%n", spec);
        List<FloatMatrix> pixels = new ArrayList<>();
        for (Path image : images) {
            pixels.add(session.loadImage(image));
        }
        FloatMatrix classes = randomClasses(10, session.clip().config().embedDim());
        List<DemoRun> runs = DemoRun.measure(METHODS, methods(), session.clip(), classes, pixels, null, 1);
        out.printf(Locale.ROOT, "   %d sample image(s) per method after one warm-up pass%n", pixels.size());
        printCosts(runs, false, out);
    }

    /** Part 3: the token map of one image, through {@code explain}. */
    private void tokenMap(Args args, Path image, Path outDir, PrintStream out, PrintStream err) throws Exception {
        String stem = image.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Path png = outDir.resolve("token-map-" + stem + ".png");
        List<String> argv = new ArrayList<>(List.of("--method", TOKEN_MAP_METHOD, "--out", png.toString()));
        for (String option : List.of("model", "labels", "labels-file", "templates")) {
            if (args.has(option)) {
                argv.addAll(List.of("--" + option, args.get(option, "")));
            }
        }
        argv.add(image.toString());
        ExplainCommand explain = new ExplainCommand(sessions);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        java.nio.file.Files.createDirectories(outDir);
        explain.run(Args.parse(argv.toArray(String[]::new), explain.valuedOptions(), explain.flagOptions()),
                new PrintStream(text, true, StandardCharsets.UTF_8), err);
        out.printf(Locale.ROOT, "%n3. Token map of %s (%s): which patches each condensation block keeps, merges and "
                + "fuses%n", image.getFileName(), TOKEN_MAP_METHOD);
        text.toString(StandardCharsets.UTF_8).lines().forEach(line -> out.println("   " + line));
        out.println("   (tca4j explain --help for more)");
    }

    private static void printPredictions(List<Path> images, int[] truths, List<String> labels, List<DemoRun> runs,
            PrintStream out) {
        int width = Math.max(12, labels.stream().mapToInt(String::length).max().orElse(0) + 2);
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%n   %-28s %-" + width + "s", "image",
                "truth"));
        runs.forEach(r -> header.append(String.format(Locale.ROOT, " %-" + width + "s", r.name())));
        out.println(header);
        for (int i = 0; i < images.size(); i++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "   %-28s %-" + width + "s",
                    images.get(i).getFileName(), truths[i] < 0 ? "?" : labels.get(truths[i])));
            for (DemoRun r : runs) {
                int p = r.preds()[i];
                String mark = truths[i] < 0 ? "" : p == truths[i] ? "" : " x";
                line.append(String.format(Locale.ROOT, " %-" + width + "s", labels.get(p) + mark));
            }
            out.println(line);
        }
        out.println("   (x: wrong)");
    }

    private static void printCosts(List<DemoRun> runs, boolean accuracy, PrintStream out) {
        out.printf(Locale.ROOT, "%n   %-10s %8s  %-32s %9s %8s %10s %10s %8s%n", "method", accuracy ? "correct" : "",
                "tokens per block", "GFLOPs", "vs full", "ms median", "ms fastest", "vs full");
        MethodResult full = runs.getFirst().summary();
        double fullMs = runs.getFirst().fastestMs();
        for (DemoRun r : runs) {
            MethodResult s = r.summary();
            String correct = accuracy ? String.format(Locale.ROOT, "%d/%d", s.correct(), s.images()) : "";
            out.printf(Locale.ROOT, "   %-10s %8s  %-32s %9.4f %8s %10.1f %10.1f %8s%n", r.name(), correct,
                    s.schedule(), s.meanGflops(), DemoRun.saving(s.meanGflops(), full.meanGflops()), r.medianMs(),
                    r.fastestMs(), DemoRun.saving(r.fastestMs(), fullMs));
        }
        out.println("   (GFLOPs: fvcore's convention, one multiply-add = 1 FLOP. ms: wall time of one stream step -- pass,");
        out.println("   reservoir and correction; on a busy machine the fastest step is the least disturbed one)");
    }

    /** The {@link #METHODS} with the reference's default TCA hyperparameters (as {@code eval} without a dataset). */
    private static List<Method> methods() {
        return METHODS.stream().map(name -> MethodNames.parse(name, null)).toList();
    }

    /** Seeded random unit class embeddings {@code [classes, dim]} for a model without a vocabulary. */
    private static FloatMatrix randomClasses(int classes, int dim) {
        SplittableRandom random = new SplittableRandom(CLASS_SEED);
        FloatMatrix m = FloatMatrix.allocate(classes, dim);
        for (int c = 0; c < classes; c++) {
            float[] row = new float[dim];
            for (int d = 0; d < dim; d++) {
                row[d] = (float) random.nextGaussian();
            }
            Reductions.l2NormalizeInPlace(row);
            for (int d = 0; d < dim; d++) {
                m.set(c, d, row[d]);
            }
        }
        return m;
    }
}
