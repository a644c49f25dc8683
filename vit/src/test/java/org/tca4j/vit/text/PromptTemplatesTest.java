package org.tca4j.vit.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptTemplatesTest {
    @Test
    void singleTemplateIsClipsDefaultPrompt() {
        assertThat(PromptTemplates.single().prompts("cat")).containsExactly("a photo of a cat.");
    }

    @Test
    void imagenetSetHasClipsEightyDistinctTemplatesInOrder() {
        PromptTemplates t = PromptTemplates.named("imagenet");
        assertThat(t.size()).isEqualTo(80);
        assertThat(new HashSet<>(t.templates())).hasSize(80);
        assertThat(t.templates().getFirst()).isEqualTo("a bad photo of a {}.");
        assertThat(t.templates().get(39)).isEqualTo("a photo of a {}.");
        assertThat(t.templates().getLast()).isEqualTo("a tattoo of the {}.");
        assertThat(t.prompts("goldfish")).contains("a goldfish in a video game.", "itap of my goldfish.");
    }

    @Test
    void templatesFileLoadsAndSkipsBlankLines(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mine.txt");
        Files.writeString(file, "a sketch of a {}.\n\n  a {} at night  \n");
        PromptTemplates t = PromptTemplates.fromFile(file);
        assertThat(t.prompts(PromptTemplates.className("red_fox"))).containsExactly("a sketch of a red fox.",
                "a red fox at night");
    }

    @Test
    void aLineWithoutOrWithTwoPlaceholdersIsRejectedWithItsLineNumber() {
        assertThatThrownBy(() -> PromptTemplates.of("t.txt", List.of("a {}.", "", "a photo")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t.txt:3").hasMessageContaining("{}");
        assertThatThrownBy(() -> PromptTemplates.of("t.txt", List.of("a {} and {}.")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t.txt:1");
        assertThatThrownBy(() -> PromptTemplates.of("empty.txt", List.of("", " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no templates");
        assertThatThrownBy(() -> PromptTemplates.named("cifar"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cifar");
    }
}
