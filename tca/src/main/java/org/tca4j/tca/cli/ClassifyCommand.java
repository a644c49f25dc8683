package org.tca4j.tca.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.tca4j.core.kernels.Reductions;
import org.tca4j.vit.model.ZeroShotClassifier;

/**
 * {@code classify}: zero-shot classification of images against labels; the labels' text features are computed
 * once per run. Unreadable images are reported on standard error and skipped; the exit code is then 1.
 */
final class ClassifyCommand implements Command {
    private final Function<String, Session> sessions;

    ClassifyCommand(Function<String, Session> sessions) {
        this.sessions = sessions;
    }

    @Override
    public String name() {
        return "classify";
    }

    @Override
    public String summary() {
        return "zero-shot classify images against labels";
    }

    @Override
    public String help() {
        return """
                Usage: tca4j classify [--model FILE --labels "cat,dog" | --labels-file F]
                                      [--templates single|imagenet|FILE] [--top K] [--json|--csv] IMAGE|DIR...

                Prints, for each image, the K most likely labels with their probabilities. Each label becomes
                prompts through the templates ("a photo of a {}." and the like); a label's text embedding is the
                normalized mean of its prompts' normalized embeddings. Directories are read for image files
                (png, jpg, jpeg, bmp, gif, tif, tiff). Unreadable images are reported and skipped, and the exit code
                is then 1.

                  --model FILE       a tca4j model file (see convert; default: the embedded Fashion-MNIST
                                     CLIP models/fmnist-clip.tca4j, whose labels are then the default labels)
                  --labels L         comma-separated labels (needed with --model)
                  --labels-file F    one label per line (blank lines are ignored)
                  --templates T      single (default; with the default model: its 8 training templates),
                                     imagenet (CLIP's 80 ImageNet prompts), or a file with one template per
                                     line, {} standing for the label
                  --top K            labels shown per image (default 5)
                  --json             one JSON object per image and line: {"image", "top": [{"label", "probability"}]}
                  --csv              image,rank,label,probability rows after a header""";
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("model", "labels", "labels-file", "templates", "top");
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of("json", "csv");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        if (args.flag("json") && args.flag("csv")) {
            throw new UsageException("choose one of --json and --csv");
        }
        DefaultLabels.Labels resolved = DefaultLabels.resolve(args);
        List<String> labels = resolved.names();
        List<String> templates = resolved.templates();
        int top = Math.min(args.getInt("top", 5, 1, 100_000), labels.size());
        List<Path> images = ImageFiles.expand(args.positional());
        if (images.isEmpty()) {
            throw new UsageException("no images given");
        }
        Session session = sessions.apply(DefaultLabels.model(args));
        if (session.synthetic()) {
            err.println("tca4j classify: the weights are synthetic (seeded random); the labels mean nothing");
        }
        ZeroShotClassifier classifier = ZeroShotClassifier.build(session.clip(), labels, templates,
                session::tokenize);
        Output output = args.flag("json") ? Output.JSON : args.flag("csv") ? Output.CSV : Output.TEXT;
        if (output == Output.CSV) {
            out.println("image,rank,label,probability");
        }
        Progress progress = new Progress(err, images.size(), "image");
        int failures = 0;
        for (int i = 0; i < images.size(); i++) {
            Path image = images.get(i);
            try {
                float[] features = session.clip().encodeImages(session.loadImage(image)).rowArray(0);
                print(out, output, image.toString(), labels, classifier.probabilities(features), top);
            } catch (IOException | IllegalArgumentException e) {
                err.println("tca4j classify: skipped " + Skips.describe(image, e));
                failures++;
            }
            progress.update(i + 1);
        }
        if (failures > 0) {
            err.printf("tca4j classify: %d of %d images could not be read%n", failures, images.size());
        }
        return failures > 0 ? 1 : 0;
    }

    private enum Output { TEXT, JSON, CSV }

    static List<String> labels(Args args) {
        if (args.has("labels") == args.has("labels-file")) {
            throw new UsageException("give exactly one of --labels and --labels-file");
        }
        List<String> raw = args.has("labels")
                ? Arrays.asList(args.get("labels", "").split(","))
                : TextInputs.read("labels-file", Path.of(args.get("labels-file", ""))).lines().toList();
        List<String> labels = new ArrayList<>();
        for (String label : raw) {
            if (!label.isBlank()) {
                labels.add(label.strip());
            }
        }
        if (labels.isEmpty()) {
            throw new UsageException("no labels given");
        }
        return labels;
    }

    private static void print(PrintStream out, Output output, String image, List<String> labels, float[] p, int top) {
        int[] best = Reductions.topK(p, top);
        switch (output) {
            case TEXT -> {
                out.println(image);
                for (int c : best) {
                    out.printf(Locale.ROOT, "  %6.2f%%  %s%n", 100 * p[c], labels.get(c));
                }
            }
            case CSV -> {
                for (int r = 0; r < best.length; r++) {
                    out.printf(Locale.ROOT, "%s,%d,%s,%.6f%n", csv(image), r + 1, csv(labels.get(best[r])), p[best[r]]);
                }
            }
            case JSON -> {
                StringBuilder sb = new StringBuilder("{\"image\": \"").append(Json.escape(image)).append("\", \"top\": [");
                for (int r = 0; r < best.length; r++) {
                    sb.append(r > 0 ? ", " : "").append(String.format(Locale.ROOT,
                            "{\"label\": \"%s\", \"probability\": %.6f}", Json.escape(labels.get(best[r])), p[best[r]]));
                }
                out.println(sb.append("]}"));
            }
        }
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break. */
    static String csv(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }
}
