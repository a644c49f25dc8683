package org.tca4j.vit.model;

import java.util.List;
import java.util.function.Function;
import org.tca4j.core.kernels.Elementwise;
import org.tca4j.core.kernels.MatMul;
import org.tca4j.core.kernels.Reductions;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * Zero-shot classification as CLIP does it ({@code open_clip: src/open_clip/zero_shot_classifier.py}): each class
 * is the mean of its prompts' normalized text features, normalized again; an image's logits are
 * {@code exp(logit_scale) · norm(image)·classesᵀ}. Text features are computed once, when the classifier is built.
 * Immutable.
 */
public final class ZeroShotClassifier {
    private final List<String> classNames;
    private final FloatMatrix classEmbeddings; // [C, E], unit rows
    private final float logitScaleExp;

    private ZeroShotClassifier(List<String> classNames, FloatMatrix classEmbeddings, float logitScaleExp) {
        this.classNames = List.copyOf(classNames);
        this.classEmbeddings = classEmbeddings;
        this.logitScaleExp = logitScaleExp;
    }

    /**
     * Builds the class embeddings: every template (with {@code {}} standing for the class name) is filled with
     * every class name, tokenized by {@code tokenizer} and encoded by {@code clip}'s text tower.
     */
    public static ZeroShotClassifier build(Clip clip, List<String> classNames, List<String> templates,
                                           Function<String, int[]> tokenizer) {
        if (classNames.isEmpty() || templates.isEmpty()) {
            throw new IllegalArgumentException("zero-shot classification needs at least one class and one template");
        }
        int[][] tokens = new int[classNames.size() * templates.size()][];
        for (int c = 0; c < classNames.size(); c++) {
            for (int t = 0; t < templates.size(); t++) {
                tokens[c * templates.size() + t] = tokenizer.apply(templates.get(t).replace("{}", classNames.get(c)));
            }
        }
        FloatMatrix prompts = clip.encodeTexts(tokens);                          // [C·T, E]
        return fromPromptFeatures(classNames, prompts, templates.size(), clip.logitScaleExp());
    }

    /**
     * A classifier from unnormalized prompt features {@code [C·T, E]}, class-major (the T templates of class 0
     * first), and the logit factor {@code exp(logit_scale)}.
     */
    public static ZeroShotClassifier fromPromptFeatures(List<String> classNames, FloatMatrix promptFeatures,
                                                        int templatesPerClass, float logitScaleExp) {
        int classes = classNames.size();
        if (promptFeatures.rows() != classes * templatesPerClass) {
            throw new IllegalArgumentException(promptFeatures + " is not " + classes + " classes × "
                    + templatesPerClass + " templates");
        }
        FloatMatrix normalized = Clip.normalizeRows(promptFeatures);             // [C·T, E]
        FloatMatrix embeddings = FloatMatrix.allocate(classes, promptFeatures.cols()); // [C, E]
        for (int c = 0; c < classes; c++) {
            float[] mean = Reductions.columnMeans(normalized.rows(c * templatesPerClass, (c + 1) * templatesPerClass));
            Reductions.l2NormalizeInPlace(mean);
            embeddings.rowView(c).copyFrom(FloatMatrix.row(mean));
        }
        return new ZeroShotClassifier(classNames, embeddings, logitScaleExp);
    }

    public List<String> classNames() {
        return classNames;
    }

    /** A copy of the unit class embeddings {@code [C, E]}. */
    public FloatMatrix classEmbeddings() {
        return classEmbeddings.copy();
    }

    /** Logits {@code [B, C]} of unnormalized image features {@code [B, E]}. */
    public FloatMatrix logits(FloatMatrix imageFeatures) {
        FloatMatrix logits = FloatMatrix.allocate(imageFeatures.rows(), classEmbeddings.rows());   // [B, C]
        MatMul.matmulTransposed(Clip.normalizeRows(imageFeatures), classEmbeddings, logits);
        Elementwise.scaleInPlace(logits, logitScaleExp);
        return logits;
    }

    /** Class probabilities {@code [C]} (softmax of the logits) of one image's unnormalized features. */
    public float[] probabilities(float[] imageFeatures) {
        return Reductions.softmax(logits(FloatMatrix.row(imageFeatures)).rowArray(0));
    }
}
