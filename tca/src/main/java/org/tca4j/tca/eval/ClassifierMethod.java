package org.tca4j.tca.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.adapt.StreamClassifier;
import org.tca4j.tca.adapt.StreamResult;
import org.tca4j.tca.config.Method;
import org.tca4j.tca.data.ByteImage;
import org.tca4j.vit.image.ImageInputException;
import org.tca4j.vit.image.ImagePreprocessor;
import org.tca4j.vit.image.PilImage;

/**
 * A {@link StreamClassifier} (zero-shot, TCA, EViT or ToMe) as a {@link StreamMethod}: the stored image goes through
 * the model's eval transform (Pillow-exact resize, crop, RGB, normalise) and one classifier step. TCA's reservoir
 * is its state, saved and restored through the classifier's reservoir file.
 */
public final class ClassifierMethod implements StreamMethod {
    private final String name;
    private final StreamClassifier classifier;
    private final ImagePreprocessor preprocessor;

    public ClassifierMethod(String name, StreamClassifier classifier, ImagePreprocessor preprocessor) {
        this.name = name;
        this.classifier = classifier;
        this.preprocessor = preprocessor;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Prediction classify(ByteImage image) {
        PilImage pil = PilImage.of(image.channels() == 1 ? PilImage.Mode.L : PilImage.Mode.RGB, image.width(),
                image.height(), image.pixels());
        float[] pixels = pixels(pil);                                                  // [3·S·S]
        StreamResult r = classifier.classify(FloatMatrix.wrap(pixels, 1, pixels.length));
        return new Prediction(r.pred(), r.gflops(), r.tokensPerBlock());
    }

    /** The preprocessed image; one too elongated to resize is refused with the typed error as its cause. */
    private float[] pixels(PilImage image) {
        try {
            return preprocessor.preprocess(image);
        } catch (ImageInputException e) {
            throw new UncheckedIOException(name + " cannot preprocess an image: " + e.getMessage(), e);
        }
    }

    @Override
    public void reset() {
        classifier.reset();
    }

    private boolean stateful() {
        return classifier.method() instanceof Method.Tca;
    }

    @Override
    public byte[] saveState() {
        if (!stateful()) {
            return new byte[0];
        }
        try {
            Path temp = Files.createTempFile("tca4j-reservoir", ".bin");
            try {
                classifier.saveReservoir(temp);
                return Files.readAllBytes(temp);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the reservoir of " + name, e);
        }
    }

    @Override
    public void restoreState(byte[] state) {
        if (!stateful()) {
            StreamMethod.super.restoreState(state);
            return;
        }
        try {
            Path temp = Files.createTempFile("tca4j-reservoir", ".bin");
            try {
                Files.write(temp, state);
                classifier.restoreReservoir(temp);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore the reservoir of " + name, e);
        }
    }
}
