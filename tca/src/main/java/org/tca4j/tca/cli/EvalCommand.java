package org.tca4j.tca.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.tca4j.core.simd.Simd;
import org.tca4j.tca.adapt.StreamClassifier;
import org.tca4j.tca.adapt.VisionPass;
import org.tca4j.tca.data.DatasetSpec;
import org.tca4j.tca.data.ImageDataset;
import org.tca4j.tca.data.PromptPresets;
import org.tca4j.tca.data.PromptSet;
import org.tca4j.tca.eval.ClassifierMethod;
import org.tca4j.tca.eval.DefaultModel;
import org.tca4j.tca.eval.EvalRunner;
import org.tca4j.tca.eval.EvalSettings;
import org.tca4j.tca.eval.MethodNames;
import org.tca4j.tca.eval.Reports;
import org.tca4j.tca.eval.StreamMethod;
import org.tca4j.tca.shift.Corruption;
import org.tca4j.tca.shift.SeverityTable;
import org.tca4j.tca.shift.Shift;
import org.tca4j.tca.shift.ShiftedDataset;
import org.tca4j.vit.config.ClipConfig;
import org.tca4j.vit.image.ImagePreprocessor;
import org.tca4j.vit.io.ModelFile;
import org.tca4j.vit.model.Clip;
import org.tca4j.vit.model.ZeroShotClassifier;
import org.tca4j.vit.text.ClipTokenizer;

/** {@code tca4j eval}: accuracy and cost of every method over one seeded stream, with reports and a plot. */
public final class EvalCommand implements Command {
    @Override
    public String name() {
        return "eval";
    }

    @Override
    public String summary() {
        return "accuracy, GFLOPs and speed of zero-shot, TCA, EViT and ToMe on a dataset, optionally shifted";
    }

    @Override
    public String help() {
        return """
                Usage: tca4j eval --dataset SPEC [--model FILE] [--shift NAME:SEVERITY] [--methods LIST]
                                  [--limit N] [--seed S] [--out DIR] [--resume]

                Runs every method over the same seeded stream of the dataset, one image at a time (test-time
                adaptation), and writes results.md / .csv / .json, predictions.csv, timing.csv and
                accuracy-gflops.png to DIR. Same settings, same result files, byte for byte.

                Options:
                  --dataset SPEC      fashion-mnist[:DIR[:train]] (default DIR: Debian's dataset-fashion-mnist),
                                      mnist:DIR, idx:IMAGES,LABELS, folder:DIR[:NAMES], cifar10:DIR, cifar100:DIR,
                                      cifar10c:DIR:CORRUPTION[:SEVERITY], cifar100c:...
                  --model FILE        a tca4j model file (default: the embedded models/fmnist-clip.tca4j)
                  --shift NAME:SEV    corrupt each image as stored, severity 1-5: %s
                  --shift-table T     imagenet-c (default, make_imagenet_c.py) or cifar-10-c (gentler)
                  --methods LIST      comma-separated: zero-shot, tca, tca-R, evit[-R], tome[-R], or specs such as
                                      tca:r=0.07,M=3 (default zero-shot,tca,tca-0.105,evit,tome)
                  --prompts KEY       class names and templates preset (default: the dataset's): %s
                  --template TEXT     a prompt template with {} (repeatable; replaces the preset's templates)
                  --tca-dataset NAME  TCA hyperparameters of this dataset (default: the reference's ImageNet set)
                  --limit N           the first N images of the stream (default all)
                  --seed S            stream order and noise seed (default 1)
                  --out DIR           output directory (default eval-results)
                  --resume            continue an interrupted run from DIR/checkpoints
                  --checkpoint-every N  images between checkpoints (default 200)
                  --no-progress       no progress bar on standard error
                """.formatted(String.join(", ", Corruption.labels()), String.join(", ", PromptPresets.KEYS));
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("dataset", "model", "shift", "shift-table", "methods", "prompts", "template", "tca-dataset",
                "limit", "seed", "out", "checkpoint-every");
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of("resume", "no-progress");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        DatasetSpec spec = DatasetSpec.parse(args.require("dataset"));
        ImageDataset dataset = spec.open();
        PromptSet prompts = prompts(args, spec, dataset);
        long seed = Long.parseLong(args.get("seed", "1"));
        String shiftText = args.get("shift", "none");
        if (!shiftText.equals("none")) {
            Shift shift = Shift.parse(shiftText, SeverityTable.parse(args.get("shift-table", "imagenet-c")));
            dataset = new ShiftedDataset(dataset, shift, seed);
            shiftText = shift.label();
        }
        Path modelPath = args.has("model") ? Path.of(args.get("model", null)) : DefaultModel.find();
        List<String> methodNames = List.of(args.get("methods", "zero-shot,tca,tca-0.105,evit,tome").split(","));
        EvalSettings settings = new EvalSettings(modelPath.getFileName() + " sha256:" + sha256(modelPath),
                spec.text(), shiftText, prompts.source() + " " + prompts.templates(), seed,
                args.getInt("limit", 0, 0, Integer.MAX_VALUE));
        Path outDir = Path.of(args.get("out", "eval-results"));
        try (ModelFile file = ModelFile.open(modelPath)) {
            Clip clip = Clip.load(file);
            List<StreamMethod> methods = methods(clip, file, prompts, methodNames, args.get("tca-dataset", spec.promptKey()));
            err.println("tca4j eval: " + dataset.description() + ", " + dataset.size() + " images, "
                    + methods.size() + " methods, model " + modelPath);
            EvalRunner.Outcome outcome = EvalRunner.run(settings, dataset, methods, new EvalRunner.Options(outDir,
                    args.flag("resume"), args.getInt("checkpoint-every", 200, 1, Integer.MAX_VALUE),
                    args.flag("no-progress") ? null : err, System.console() != null));
            Reports.writeAll(outDir, settings, dataset.description(), outcome, dataset.classNames(), machine());
            out.print(Reports.table(outcome.results(), true));
            out.println("\nwritten to " + outDir + " (results.md, results.csv, results.json, predictions.csv, "
                    + "timing.csv, accuracy-gflops.png)");
        }
        return 0;
    }

    private static PromptSet prompts(Args args, DatasetSpec spec, ImageDataset dataset) {
        String key = args.get("prompts", spec.promptKey());
        PromptSet preset = key == null ? null : PromptPresets.load(key);
        List<String> names = dataset.classNames();
        if (preset != null && preset.classNames().size() != names.size()) {
            throw new UsageException("--prompts " + key + " has " + preset.classNames().size()
                    + " classes, the dataset " + names.size());
        }
        if (preset != null && !args.has("template")) {
            return preset;
        }
        List<String> templates = args.has("template") ? args.all("template") : List.of("a photo of a {}.");
        try {
            return new PromptSet(preset != null ? preset.classNames() : names, templates, "--template");
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static List<StreamMethod> methods(Clip clip, ModelFile file, PromptSet prompts, List<String> names,
            String tcaDataset) {
        ClipTokenizer tokenizer = ClipTokenizer.fromMerges(file.tokenizer().merges());
        List<String> classNames = prompts.classNames().stream().map(n -> n.replace('_', ' ')).toList();
        ZeroShotClassifier zeroShot = ZeroShotClassifier.build(clip, classNames, prompts.templates(), tokenizer::encode);
        ClipConfig config = clip.config();
        ImagePreprocessor preprocessor = new ImagePreprocessor(config.preprocess());
        List<StreamMethod> methods = new ArrayList<>();
        for (String name : names) {
            try {
                StreamClassifier classifier = new StreamClassifier(VisionPass.of(clip.visual()), config.vision().heads(),
                        config.vision().layers(), zeroShot.classEmbeddings(), MethodNames.parse(name, tcaDataset));
                methods.add(new ClassifierMethod(name.strip(), classifier, preprocessor));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--methods: " + e.getMessage());
            }
        }
        return methods;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UsageException("--model " + file + ": no such file");
        }
    }

    private static String machine() {
        return System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + Runtime.version() + ", " + Simd.describe();
    }
}
