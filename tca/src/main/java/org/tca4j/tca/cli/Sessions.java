package org.tca4j.tca.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.vit.image.ImagePreprocessor;
import org.tca4j.vit.io.ModelFile;
import org.tca4j.vit.model.Clip;
import org.tca4j.vit.text.ClipTokenizer;
import org.tca4j.vit.weights.TensorSource;

/**
 * Opens what {@code --model} names as a {@link Session}: the model, OpenCLIP's eval preprocessing with the model's
 * parameters, and the BPE tokenizer from the model file's vocabulary (synthetic models have none).
 */
final class Sessions {
    private Sessions() {}

    static Session open(String spec) {
        try {
            TensorSource source = ModelSpec.source(spec);
            Clip clip = Clip.load(source);
            ImagePreprocessor preprocessor = new ImagePreprocessor(source.config().preprocess());
            ClipTokenizer tokenizer = source instanceof ModelFile file
                    ? ClipTokenizer.fromMerges(file.tokenizer().merges()) : null;
            return new Standard(spec, clip, preprocessor, tokenizer);
        } catch (IOException e) {
            throw new ModelOpenException(e.getMessage(), e);
        }
    }

    /** The model could not be opened; the message names the file and the problem. */
    static final class ModelOpenException extends RuntimeException {
        ModelOpenException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Standard(String spec, Clip clip, ImagePreprocessor preprocessor, ClipTokenizer tokenizer)
            implements Session {
        @Override
        public boolean synthetic() {
            return ModelSpec.isSynthetic(spec);
        }

        @Override
        public int[] tokenize(String text) {
            if (tokenizer == null) {
                throw new UsageException(spec + " has no vocabulary; texts need a model file");
            }
            return tokenizer.encode(text, clip.config().text().contextLength());
        }

        @Override
        public FloatMatrix loadImage(Path file) throws IOException {
            int side = preprocessor.size();
            return FloatMatrix.wrap(preprocessor.preprocess(file), 1, 3 * side * side);
        }
    }
}
