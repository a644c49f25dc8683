package org.tca4j.tca.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tca4j.vit.io.ModelFile;
import org.tca4j.vit.model.Clip;
import org.tca4j.vit.weights.OpenClipConfigs;
import org.tca4j.vit.weights.SyntheticWeights;
import org.tca4j.vit.weights.TensorSource;

/**
 * What {@code --model} names: a tca4j model file, or {@code synthetic:NAME} for seeded random weights of a standard
 * OpenCLIP shape ({@code synthetic:ViT-B-16}), which need nothing downloaded but mean nothing.
 */
final class ModelSpec {
    static final String SYNTHETIC = "synthetic:";
    /** The seed of every {@code synthetic:} model, so runs compare. */
    static final long SYNTHETIC_SEED = 2410_14729L;

    private ModelSpec() {}

    static boolean isSynthetic(String spec) {
        return spec.startsWith(SYNTHETIC);
    }

    /** The tensors {@code spec} names; usage errors for unknown names and missing files. */
    static TensorSource source(String spec) throws IOException {
        if (isSynthetic(spec)) {
            String name = spec.substring(SYNTHETIC.length());
            try {
                return SyntheticWeights.named(name, SYNTHETIC_SEED);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--model " + spec + ": " + e.getMessage());
            }
        }
        Path file = Path.of(spec);
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--model " + spec + ": no such file (or use synthetic:"
                    + OpenClipConfigs.names().getFirst() + ")");
        }
        return ModelFile.open(file);
    }

    /** Loads and checks the whole model. */
    static Clip load(String spec) throws IOException {
        return Clip.load(source(spec));
    }
}
