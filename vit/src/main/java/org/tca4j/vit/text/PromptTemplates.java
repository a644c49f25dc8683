package org.tca4j.vit.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prompt templates for zero-shot classification: each template holds one {@code {}} where the class name goes.
 *
 * <p>Two sets ship with tca4j: {@link #single()} ({@code "a photo of a {}."}) and {@link #imagenet()}, CLIP's 80
 * ImageNet templates from its prompt-engineering notebook (open_clip's {@code OPENAI_IMAGENET_TEMPLATES}, in that
 * order), which the TCA reference uses for ImageNet and its variants. A zero-shot classifier averages the
 * normalised text features of all prompts of a class, then normalises again.
 */
public final class PromptTemplates {
    private static final String PLACEHOLDER = "{}";

    private final String name;
    private final List<String> templates;

    private PromptTemplates(String name, List<String> templates) {
        if (templates.isEmpty()) {
            throw new IllegalArgumentException(name + ": no templates");
        }
        this.name = name;
        this.templates = List.copyOf(templates);
    }

    /** CLIP's single template, {@code "a photo of a {}."}. */
    public static PromptTemplates single() {
        return resource("single");
    }

    /** CLIP's 80 ImageNet templates. */
    public static PromptTemplates imagenet() {
        return resource("imagenet");
    }

    /** A shipped set by name: {@code single} or {@code imagenet}. */
    public static PromptTemplates named(String setName) {
        return switch (setName) {
            case "single" -> single();
            case "imagenet" -> imagenet();
            default -> throw new IllegalArgumentException("unknown template set \"" + setName
                    + "\" (single, imagenet, or a file)");
        };
    }

    /**
     * Templates given one per line ({@code source} names them in errors); blank lines are skipped.
     *
     * @throws IllegalArgumentException naming the line when a template does not hold exactly one {@code {}}
     */
    public static PromptTemplates of(String source, List<String> lines) {
        List<String> templates = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int at = line.indexOf(PLACEHOLDER);
            if (at < 0 || line.indexOf(PLACEHOLDER, at + 1) >= 0) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": a template needs exactly one {} where"
                        + " the class name goes, got \"" + line + "\"");
            }
            templates.add(line);
        }
        return new PromptTemplates(source, templates);
    }

    /** Templates from a UTF-8 file, one per line. */
    public static PromptTemplates fromFile(Path file) throws IOException {
        return of(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    private static PromptTemplates resource(String setName) {
        String resource = "templates-" + setName + ".txt";
        try (InputStream in = PromptTemplates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the tca4j-vit jar");
            }
            return of(setName, new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** Where the templates came from: a set name or a file. */
    public String name() {
        return name;
    }

    public List<String> templates() {
        return templates;
    }

    public int size() {
        return templates.size();
    }

    /** Every template with {@code className} in place of {@code {}}, in template order. */
    public List<String> prompts(String className) {
        return templates.stream().map(t -> t.replace(PLACEHOLDER, className)).toList();
    }

    /**
     * A class name as the TCA reference prepares it before prompting: underscores become spaces
     * ({@code "great_white_shark"} → {@code "great white shark"}).
     */
    public static String className(String raw) {
        return raw.replace('_', ' ').strip();
    }
}
