package org.tca4j.tca.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The class names and prompt templates the TCA reference uses per dataset ({@code research/tca-paper.md} section
 * 14), plus the demo model's Fashion-MNIST prompts. The lists live in
 * {@code org/tca4j/tca/data/prompts/*.txt}; their README gives the provenance.
 */
public final class PromptPresets {
    /** The preset keys, as accepted by {@link #load}. */
    public static final List<String> KEYS = List.of("fashion-mnist", "fashion-mnist-ensemble", "mnist", "cifar10",
            "cifar100", "imagenet", "caltech101", "dtd", "eurosat", "fgvc-aircraft", "flowers102", "food101",
            "oxford-pets", "stanford-cars", "sun397", "ucf101");

    private PromptPresets() {}

    /** Normalises a dataset name: lower case, {@code -} and {@code _} equivalent, ImageNet variants to imagenet. */
    public static String key(String dataset) {
        String k = dataset.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (k) {
            case "imagenet-a", "imagenet-v2", "imagenet-r", "imagenet-sketch", "imagenetv2" -> "imagenet";
            case "cifar10c", "cifar-10", "cifar-10-c" -> "cifar10";
            case "cifar100c", "cifar-100", "cifar-100-c" -> "cifar100";
            case "fmnist", "fashionmnist" -> "fashion-mnist";
            case "fgvc", "aircraft" -> "fgvc-aircraft";
            case "pets" -> "oxford-pets";
            case "cars" -> "stanford-cars";
            default -> k;
        };
    }

    /** Whether {@link #load} knows {@code dataset}. */
    public static boolean has(String dataset) {
        return KEYS.contains(key(dataset));
    }

    /**
     * The preset of {@code dataset} (see {@link #key} for accepted spellings).
     *
     * @throws IllegalArgumentException for an unknown dataset, listing the known ones
     */
    public static PromptSet load(String dataset) {
        String k = key(dataset);
        if (!KEYS.contains(k)) {
            throw new IllegalArgumentException("no prompt preset for '" + dataset + "'; known: " + String.join(", ", KEYS));
        }
        String resource = "prompts/" + k.replace('-', '_') + ".txt";
        try (InputStream in = PromptPresets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the build");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), k);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }

    private static PromptSet parse(BufferedReader reader, String key) throws IOException {
        List<String> classes = new ArrayList<>();
        List<String> templates = new ArrayList<>();
        List<String> current = null;
        String source = key;
        for (String line; (line = reader.readLine()) != null; ) {
            if (line.startsWith("#")) {
                source = line.substring(1).strip();
            } else if (line.equals("[classes]")) {
                current = classes;
            } else if (line.equals("[templates]")) {
                current = templates;
            } else if (!line.isBlank() && current != null) {
                current.add(line);
            }
        }
        return new PromptSet(classes, templates, source);
    }
}
