package org.tca4j.tca.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.vit.model.Clip;

/** A loaded model and what turns files and words into its inputs, for the commands that encode. */
interface Session {
    /** The model. */
    Clip clip();

    /** Whether the weights are seeded random ones (outputs mean nothing; the commands say so). */
    boolean synthetic();

    /** The text's token ids, as many as the text tower's context. */
    int[] tokenize(String text);

    /**
     * The image preprocessed for the model, {@code [1, 3·S·S]}.
     *
     * @throws IOException when the file cannot be read or decoded; the message names the file
     */
    FloatMatrix loadImage(Path file) throws IOException;
}
