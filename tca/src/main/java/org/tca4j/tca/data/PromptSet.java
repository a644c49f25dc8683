package org.tca4j.tca.data;

import java.util.List;

/**
 * The class names and prompt templates of a zero-shot classifier. Each template holds {@code {}} where the class
 * name goes; the text classifier averages the normalised embeddings of every template per class.
 *
 * @param classNames class names in label order
 * @param templates prompt templates, each containing {@code {}}
 * @param source where the lists come from, for reports
 */
public record PromptSet(List<String> classNames, List<String> templates, String source) {
    public PromptSet {
        classNames = List.copyOf(classNames);
        templates = List.copyOf(templates);
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("a prompt set needs at least one class name");
        }
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("a prompt set needs at least one template");
        }
        for (String t : templates) {
            if (!t.contains("{}")) {
                throw new IllegalArgumentException("template '" + t + "' has no {} for the class name");
            }
        }
    }

    /** The prompts of class {@code label}, one per template; underscores in the class name become spaces. */
    public List<String> prompts(int label) {
        String name = classNames.get(label).replace('_', ' ');
        return templates.stream().map(t -> t.replace("{}", name)).toList();
    }

    /** The same templates with other class names (e.g. a folder dataset's own names). */
    public PromptSet withClassNames(List<String> names) {
        return new PromptSet(names, templates, source);
    }
}
