package org.tca4j.tca.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromptPresetsTest {
    @Test
    void everyPresetLoadsWithTheTemplateCountsOfTheReference() {
        for (String key : PromptPresets.KEYS) {
            PromptSet p = PromptPresets.load(key);
            assertThat(p.classNames()).as(key).isNotEmpty();
            if (!key.equals("imagenet")) { // CLIP's ImageNet names repeat "missile" and "sunglasses"
                assertThat(p.classNames()).as(key).doesNotHaveDuplicates();
            }
            assertThat(p.source()).as(key).isNotBlank();
        }
        // research/tca-paper.md section 14: templates per dataset; 13.2: 18 CIFAR templates
        assertThat(PromptPresets.load("imagenet-sketch").templates()).hasSize(80);
        assertThat(PromptPresets.load("imagenet").classNames()).hasSize(1000).startsWith("tench", "goldfish");
        assertThat(PromptPresets.load("caltech101").templates()).hasSize(34);
        assertThat(PromptPresets.load("ucf101").templates()).hasSize(48);
        assertThat(PromptPresets.load("dtd").templates()).hasSize(8);
        assertThat(PromptPresets.load("cars").templates()).hasSize(8);
        assertThat(PromptPresets.load("eurosat").templates()).hasSize(3);
        assertThat(PromptPresets.load("fgvc").templates()).hasSize(2);
        assertThat(PromptPresets.load("sun397").templates()).hasSize(2);
        assertThat(PromptPresets.load("food101").templates()).containsExactly("a photo of {}, a type of food.");
        assertThat(PromptPresets.load("cifar100").templates()).hasSize(18);
        assertThat(PromptPresets.load("cifar100").classNames()).hasSize(100);
    }

    @Test
    void fashionMnistPresetIsTheDemoModelsTrainingPrompt() {
        PromptSet p = PromptPresets.load("fashion-mnist");
        assertThat(p.classNames()).containsExactly("t-shirt", "trouser", "pullover", "dress", "coat", "sandal",
                "shirt", "sneaker", "bag", "ankle boot");
        assertThat(p.prompts(9)).containsExactly("a photo of a ankle boot.");
        assertThat(PromptPresets.load("fashion-mnist-ensemble").templates()).hasSize(8);
    }

    @Test
    void unknownDatasetListsTheKnownOnes() {
        assertThatThrownBy(() -> PromptPresets.load("svhn")).hasMessageContaining("known: fashion-mnist");
    }
}
