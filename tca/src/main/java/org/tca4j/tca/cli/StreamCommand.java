package org.tca4j.tca.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.tca4j.tca.adapt.StreamClassifier;
import org.tca4j.tca.adapt.StreamResult;
import org.tca4j.tca.adapt.VisionPass;
import org.tca4j.tca.config.Method;
import org.tca4j.tca.io.AtomicFiles;
import org.tca4j.vit.model.ZeroShotClassifier;

/**
 * {@code stream}: online test-time adaptation over a stream of images, one at a time in the given order, with one
 * JSON line per image. Unreadable images are reported and skipped (exit code 1).
 */
final class StreamCommand implements Command {
    private final Function<String, Session> sessions;

    StreamCommand(Function<String, Session> sessions) {
        this.sessions = sessions;
    }

    @Override
    public String name() {
        return "stream";
    }

    @Override
    public String summary() {
        return "classify a stream of images online with TCA (or full, EViT, ToMe), one JSON line per image";
    }

    @Override
    public String help() {
        return """
                Usage: tca4j stream [--model FILE --labels L | --labels-file F] [--templates T] [--method M]
                                    (--images-list FILE | IMAGE...) [--jsonl OUT]
                                    [--load-reservoir F] [--save-reservoir F]

                Classifies the images one at a time, in the given order, as online adaptation requires: with TCA
                each image updates the context token reservoir that condenses and corrects the next ones.

                  --model FILE       a tca4j model file (default: the embedded Fashion-MNIST CLIP, with its
                                     training classes and templates as the default labels)
                  --method M         full | tca[:r=..,M=..,scale=..,lambda=..,beta=..,dataset=..] | evit[:r=..]
                                     | tome[:r=..]   (default tca: r=0.035, M=3, scale=0.1, lambda=3, beta=5;
                                     dataset=NAME takes the reference's hyperparameters of that dataset)
                  --images-list F    one image per line: PATH, or PATH<TAB>CLASS (a label or its 0-based index)
                                     to report running accuracy; relative paths are read from F's directory
                  --jsonl OUT        write the JSON lines to OUT (whole or not at all) instead of standard output
                  --load-reservoir F continue from a reservoir saved by --save-reservoir (TCA only)
                  --save-reservoir F save the reservoir after the stream (TCA only)

                Each line: {"index", "path", "pred", "pred_label", "logits" (uncorrected), "final_logits"
                (corrected), "tokens" (rows leaving each block), "gflops" (fvcore convention), "anchor" (the anchor
                class at each condensation block, null where none; null without TCA), "ms"}, plus "label",
                "correct" and "accuracy" (running) when the list gives classes.""";
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("model", "labels", "labels-file", "templates", "method", "images-list", "jsonl",
                "load-reservoir", "save-reservoir");
    }

    /** One image of the stream and its class, or −1. */
    record Item(Path path, int label) {}

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        DefaultLabels.Labels resolved = DefaultLabels.resolve(args);
        List<String> labels = resolved.names();
        List<String> templates = resolved.templates();
        Method method = method(args.get("method", "tca"));
        List<Item> items = items(args, labels);
        Session session = sessions.apply(DefaultLabels.model(args));
        if (session.synthetic()) {
            err.println("tca4j stream: the weights are synthetic (seeded random); the predictions mean nothing");
        }
        var texts = ZeroShotClassifier.build(session.clip(), labels, templates, session::tokenize);
        var tower = session.clip().visual();
        var classifier = new StreamClassifier(VisionPass.of(tower), tower.config().heads(), tower.config().layers(),
                texts.classEmbeddings(), method);
        if (args.has("load-reservoir")) {
            classifier.restoreReservoir(Path.of(args.get("load-reservoir", "")));
        }
        Path jsonl = args.has("jsonl") ? Path.of(args.get("jsonl", "")) : null;
        StringBuilder lines = new StringBuilder();
        Progress progress = new Progress(err, items.size(), "image");
        int failures = 0, labelled = 0, correct = 0;
        double gflops = 0, ms = 0;
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            try {
                StreamResult r = classifier.classify(session.loadImage(item.path()));
                if (item.label() >= 0) {
                    labelled++;
                    correct += r.pred() == item.label() ? 1 : 0;
                }
                gflops += r.gflops();
                ms += r.nanos() / 1e6;
                String line = StreamJson.line(i, item, labels, r, method, labelled, correct);
                if (jsonl == null) {
                    out.println(line);
                } else {
                    lines.append(line).append('\n');
                }
            } catch (IOException | IllegalArgumentException e) {
                err.println("tca4j stream: skipped " + Skips.describe(item.path(), e));
                failures++;
            }
            progress.update(i + 1);
        }
        if (jsonl != null) {
            AtomicFiles.write(jsonl, lines.toString().getBytes(StandardCharsets.UTF_8));
        }
        if (args.has("save-reservoir")) {
            classifier.saveReservoir(Path.of(args.get("save-reservoir", "")));
        }
        int done = items.size() - failures;
        err.printf(Locale.ROOT, "tca4j stream: %s, %d images, %.3f GFLOPs and %.1f ms per image%s%n",
                method.describe(), done, done == 0 ? 0 : gflops / done, done == 0 ? 0 : ms / done,
                labelled == 0 ? "" : String.format(Locale.ROOT, ", accuracy %.2f%% (%d/%d)",
                        100.0 * correct / labelled, correct, labelled));
        if (failures > 0) {
            err.printf("tca4j stream: %d of %d images could not be read%n", failures, items.size());
        }
        return failures > 0 ? 1 : 0;
    }

    static Method method(String spec) {
        try {
            return Method.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--method " + spec + ": " + e.getMessage());
        }
    }

    /** The stream: the list file's lines, or the positional images, in order. */
    static List<Item> items(Args args, List<String> labels) throws IOException {
        if (args.has("images-list") == !args.positional().isEmpty()) {
            throw new UsageException("give either --images-list FILE or images, not both and not neither");
        }
        List<Item> items = new ArrayList<>();
        if (!args.has("images-list")) {
            for (String p : args.positional()) {
                items.add(new Item(Path.of(p), -1));
            }
            return items;
        }
        Path list = Path.of(args.get("images-list", ""));
        Path base = list.toAbsolutePath().getParent();
        List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = lines.get(n).split("\t", -1);
            Path path = base.resolve(parts[0].strip());
            int label = parts.length < 2 ? -1 : label(parts[1].strip(), labels, list, n + 1);
            items.add(new Item(path, label));
        }
        if (items.isEmpty()) {
            throw new UsageException(list + ": no images listed");
        }
        return items;
    }

    private static int label(String cls, List<String> labels, Path list, int lineNo) {
        int byName = labels.indexOf(cls);
        if (byName >= 0) {
            return byName;
        }
        try {
            int idx = Integer.parseInt(cls);
            if (idx >= 0 && idx < labels.size()) {
                return idx;
            }
        } catch (NumberFormatException ignored) {
            // not an index either: reported below
        }
        throw new UsageException(list + " line " + lineNo + ": class '" + cls + "' is neither a label nor an index "
                + "below " + labels.size());
    }
}
