package org.tca4j.tca.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.tca4j.tca.data.PromptPresets;
import org.tca4j.tca.data.PromptSet;
import org.tca4j.tca.eval.DefaultModel;

/**
 * What {@code --model}, {@code --labels} and {@code --templates} mean when they are left out: the embedded demo model
 * ({@link DefaultModel}, {@code models/fmnist-clip.tca4j}) with the class names and the 8 prompt templates it was
 * trained with ({@code shared/demo-model/training.json}, preset {@value #PRESET}). The default labels only go with
 * the default model: a user's own {@code --model} needs its own {@code --labels}.
 */
final class DefaultLabels {
    /** The prompt preset of the embedded model: its training class names and all its training templates. */
    static final String PRESET = "fashion-mnist-ensemble";

    /** Class names and templates of a zero-shot head, and where they came from (for messages). */
    record Labels(List<String> names, List<String> templates, String source) {}

    private DefaultLabels() {}

    /** {@code --model}, or the embedded default model's path. */
    static String model(Args args) {
        if (args.has("model")) {
            return args.get("model", "");
        }
        try {
            return DefaultModel.find().toString();
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Whether the run uses the embedded model, so its training labels are the default labels. */
    static boolean defaultModel(Args args) {
        return !args.has("model")
                && Path.of(model(args)).getFileName().toString().equals(DefaultModel.FILE_NAME);
    }

    /** Whether labels are given or, with the default model, implied. */
    static boolean available(Args args) {
        return args.has("labels") || args.has("labels-file") || defaultModel(args);
    }

    /**
     * {@code --labels} / {@code --labels-file} with {@code --templates} (default {@code single}); without them, the
     * default model's training classes and templates ({@code --templates} still replaces the templates).
     *
     * @throws UsageException when no labels are given for a model other than the default one
     */
    static Labels resolve(Args args) throws IOException {
        if (args.has("labels") || args.has("labels-file")) {
            return new Labels(ClassifyCommand.labels(args), Templates.resolve(args.get("templates", "single")),
                    "--labels");
        }
        if (!defaultModel(args)) {
            throw new UsageException("give --labels or --labels-file (the default labels belong to the default model "
                    + DefaultModel.FILE_NAME + ")");
        }
        PromptSet preset = PromptPresets.load(PRESET);
        List<String> templates = args.has("templates") ? Templates.resolve(args.get("templates", "single"))
                : preset.templates();
        return new Labels(preset.classNames(), templates, "the default model's training classes (" + PRESET + ")");
    }
}
