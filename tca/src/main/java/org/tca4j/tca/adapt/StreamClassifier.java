package org.tca4j.tca.adapt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.tca4j.core.flops.FlopCounter;
import org.tca4j.core.kernels.Reductions;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.baselines.EvitCondenser;
import org.tca4j.tca.baselines.TomeCondenser;
import org.tca4j.tca.condense.RecordingCondenser;
import org.tca4j.tca.condense.TcaCondenser;
import org.tca4j.tca.config.Method;
import org.tca4j.tca.config.TcaConfig;
import org.tca4j.tca.reservoir.AnchorCache;
import org.tca4j.tca.reservoir.ReservoirEntry;
import org.tca4j.tca.reservoir.ReservoirFile;
import org.tca4j.tca.reservoir.TokenReservoir;

/**
 * Online, single-image classification of a stream: each {@link #classify} runs one condensed pass, and with TCA
 * updates the reservoir and corrects the logits, so later images benefit from earlier ones.
 *
 * <p>Reference: Jo-wang/TCA 0f846d6, {@code runner.py}, {@code run_test_tca} (research notes section 9): per
 * image forward → entropy and prediction of the uncorrected logits → reservoir update and anchor-cache refresh →
 * correction over the <em>updated</em> reservoir → final prediction. The anchors inside a pass are those refreshed
 * after the previous image.
 *
 * <p>Deviations from the reference: the reservoir and the anchors belong to this classifier and are reset with
 * {@link #reset()} (the reference keeps the anchor cache on the model across datasets); EViT and ToMe run without
 * the correction, as the paper's baseline rows (the reference's runner would add it); the reservoir can be saved and
 * restored. Not thread-safe: a stream is a sequence.
 */
public final class StreamClassifier {
    private final VisionPass pass;
    private final int heads;
    private final FloatMatrix classWeights;
    private final Method method;
    private final double logitScale;
    private final TokenReservoir reservoir;
    private final LogitCorrection correction;
    private AnchorCache anchors;
    private SplittableRandom random;
    private long imagesSeen;

    /**
     * @param pass the image tower
     * @param heads the tower's attention heads (ToMe rebuilds the attention matrix per head)
     * @param classWeights {@code [C, E]} the text classifier, one L2-normalised row per class
     * @param layers the tower's blocks L (the reservoir keeps one {@code <cls>} token per block)
     */
    public StreamClassifier(VisionPass pass, int heads, int layers, FloatMatrix classWeights, Method method) {
        this.pass = pass;
        this.heads = heads;
        this.classWeights = classWeights.copy();
        this.method = method;
        if (method instanceof Method.Tca(TcaConfig c)) {
            if (c.layers().getLast() >= layers) {
                throw new IllegalArgumentException("condensation layers " + c.layers() + " outside a tower of "
                        + layers + " blocks");
            }
            this.logitScale = c.logitScale();
            this.reservoir = new TokenReservoir(classWeights.rows(), c.reservoirSize());
            this.correction = new LogitCorrection(layers, c.scale(), c.lambda(), c.beta());
        } else {
            this.logitScale = 100;
            this.reservoir = null;
            this.correction = null;
        }
        reset();
    }

    public Method method() {
        return method;
    }

    /** The reservoir (TCA only), read-only use please; null for other methods. */
    public TokenReservoir reservoir() {
        return reservoir;
    }

    /** Images classified since the last reset. */
    public long imagesSeen() {
        return imagesSeen;
    }

    /** Forgets the stream: empty reservoir, no anchors, the k-center generator reseeded (a new dataset). */
    public void reset() {
        if (reservoir != null) {
            reservoir.clear();
        }
        anchors = null;
        random = method instanceof Method.Tca(TcaConfig c) ? new SplittableRandom(c.seed()) : null;
        imagesSeen = 0;
    }

    /** Classifies the next image of the stream, a preprocessed {@code [1, 3·S·S]} matrix. */
    public StreamResult classify(FloatMatrix image) {
        long start = System.nanoTime();
        RecordingCondenser condenser = newCondenser();
        // the condensed pass, counted
        FlopCounter counter = new FlopCounter();
        float[][] features = new float[1][];
        FlopCounter.measure(counter, () -> {
            features[0] = pass.encode(image, condenser);
        });
        // 100·cos logits, entropy, prediction
        float[] logits = cosineLogits(features[0]);                                  // [C]
        float entropy = Reductions.entropy(Reductions.softmax(logits));
        int pred = Reductions.argmax(logits);
        float[] finalLogits = logits.clone();
        TokenReservoir.Eviction eviction = null;
        int[] anchorClasses = new int[0];
        if (condenser instanceof TcaCondenser tca) {
            // reservoir update, then the anchors of the next image, then the correction over the updated reservoir
            FloatMatrix z = tca.clsTokens();                                        // [L, W]
            eviction = reservoir.insert(pred, new ReservoirEntry(imagesSeen, z, entropy));
            anchors = reservoir.anchorCache(((Method.Tca) method).config().anchorGate());
            float[] corr = correction.correction(z, reservoir);                    // [C]
            for (int c = 0; c < finalLogits.length; c++) {
                finalLogits[c] += corr[c];
            }
            anchorClasses = tca.anchorClasses();
        }
        return new StreamResult(imagesSeen++, Reductions.argmax(finalLogits), pred, logits, finalLogits, entropy,
                condenser.tokensPerBlock(), counter.fvcoreGflops(), anchorClasses, System.nanoTime() - start,
                condenser, eviction);
    }

    /** Writes the reservoir to {@code file} atomically (TCA only), so a restarted process can continue. */
    public void saveReservoir(Path file) throws IOException {
        ReservoirFile.write(file, requireReservoir(), imagesSeen);
    }

    /**
     * Replaces the reservoir by the one saved in {@code file} and rebuilds the anchors from it (TCA only).
     *
     * @throws ReservoirFile.InvalidReservoirFileException when the file is damaged or does not fit this classifier
     */
    public void restoreReservoir(Path file) throws IOException {
        TokenReservoir target = requireReservoir();
        ReservoirFile.Snapshot snap = ReservoirFile.read(file);
        if (snap.layers() != 0 && snap.layers() != correction.layers()) {
            throw new ReservoirFile.InvalidReservoirFileException(file, "entries of " + snap.layers()
                    + " layers, the tower has " + correction.layers());
        }
        snap.copyInto(file, target);
        anchors = target.anchorCache(((Method.Tca) method).config().anchorGate());
        imagesSeen = snap.imagesSeen();
    }

    private TokenReservoir requireReservoir() {
        if (reservoir == null) {
            throw new IllegalStateException("method " + method.describe() + " keeps no reservoir");
        }
        return reservoir;
    }

    private RecordingCondenser newCondenser() {
        return switch (method) {
            case Method.Full f -> RecordingCondenser.full();
            case Method.Tca t -> new TcaCondenser(t.config(), anchors, random);
            case Method.Evit e -> new EvitCondenser(e.rate(), e.layers());
            case Method.Tome t -> new TomeCondenser(t.rate(), t.layers(), heads);
        };
    }

    /** {@code logitScale · cos(features, class row)} for every class. */
    private float[] cosineLogits(float[] features) {
        if (features.length != classWeights.cols()) {
            throw new IllegalStateException("image embedding of " + features.length + " values, class weights "
                    + classWeights);
        }
        float[] img = features.clone();
        Reductions.l2NormalizeInPlace(img);
        float[] logits = new float[classWeights.rows()];
        for (int c = 0; c < logits.length; c++) {
            double dot = 0;
            for (int e = 0; e < img.length; e++) {
                dot += (double) img[e] * classWeights.get(c, e);
            }
            logits[c] = (float) (logitScale * dot);
        }
        return logits;
    }
}
