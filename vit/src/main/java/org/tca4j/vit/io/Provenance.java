package org.tca4j.vit.io;

import java.util.Objects;

/**
 * Where a model file's weights came from.
 *
 * @param sourceFile the checkpoint's file name (no directory)
 * @param sourceSha256 the checkpoint's SHA-256, lower-case hex
 * @param sourceFormat e.g. {@code pytorch-zip}, {@code pytorch-zip-training}, {@code safetensors}, {@code hf-safetensors}
 * @param modelName the model name given to the converter (e.g. {@code ViT-B-16}), or empty
 * @param pretrainedTag the pretrained tag given to the converter (e.g. {@code laion2b_s34b_b88k}), or empty
 * @param converterVersion the converter that wrote the file
 */
public record Provenance(String sourceFile, String sourceSha256, String sourceFormat, String modelName,
                         String pretrainedTag, String converterVersion) {
    public Provenance {
        Objects.requireNonNull(sourceFile, "sourceFile");
        Objects.requireNonNull(sourceSha256, "sourceSha256");
        Objects.requireNonNull(sourceFormat, "sourceFormat");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(pretrainedTag, "pretrainedTag");
        Objects.requireNonNull(converterVersion, "converterVersion");
    }
}
