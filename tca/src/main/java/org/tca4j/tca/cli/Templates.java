package org.tca4j.tca.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tca4j.vit.text.PromptTemplates;

/**
 * The prompt templates {@code --templates} names: {@code single} (CLIP's "a photo of a {}."), {@code imagenet}
 * (CLIP's 80 ImageNet templates), or a UTF-8 file with one template per line.
 */
final class Templates {
    private Templates() {}

    /**
     * The templates {@code value} names.
     *
     * @throws UsageException when {@code value} is neither a set name nor a readable file of templates (the
     *                        message names the file, and the line of a template without exactly one {@code {}})
     */
    static List<String> resolve(String value) {
        if (value.equals("single") || value.equals("imagenet")) {
            return PromptTemplates.named(value).templates();
        }
        Path file = Path.of(value);
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--templates " + value + ": expected single, imagenet or a file of templates");
        }
        try {
            return PromptTemplates.of(file.toString(), TextInputs.read("templates", file).lines().toList()).templates();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--templates " + e.getMessage());
        }
    }
}
