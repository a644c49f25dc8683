package org.tca4j.bench;

import java.util.List;
import java.util.SplittableRandom;
import org.tca4j.core.flops.FlopCounter;
import org.tca4j.core.kernels.Reductions;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.condense.RecordingCondenser;
import org.tca4j.tca.condense.TcaCondenser;
import org.tca4j.tca.baselines.EvitCondenser;
import org.tca4j.tca.baselines.TomeCondenser;
import org.tca4j.tca.config.Method;
import org.tca4j.tca.config.TcaConfig;
import org.tca4j.vit.model.ForwardTrace;
import org.tca4j.vit.model.VisionTransformer;
import org.tca4j.vit.weights.OpenClipConfigs;
import org.tca4j.vit.weights.SyntheticWeights;
import org.tca4j.vit.weights.WeightLoader;

/**
 * The fixture of the condensed-pass benchmarks: the ViT-B/16 image tower on seeded synthetic weights (the shapes
 * and the work of the real model, meaningless outputs), seeded images, and the methods of the paper's table by
 * their benchmark names.
 */
final class SyntheticVit {
    /** The benchmark names of the methods, in table order. */
    static final List<String> METHODS =
            List.of("full", "tca-0.035", "tca-0.038", "tca-0.105", "evit-0.1", "evit-0.3", "tome-0.1");
    /** The seed of the weights (the CLI's {@code synthetic:} seed) and, plus one, of the images. */
    static final long SEED = 2410_14729L;
    /** Classes of the synthetic text classifier of the stream benchmark. */
    static final int CLASSES = 10;

    private SyntheticVit() {}

    /** The image tower of ViT-B-16 on synthetic weights. */
    static VisionTransformer tower() {
        var config = OpenClipConfigs.byName("ViT-B-16");
        return new VisionTransformer(config.vision(),
                WeightLoader.loadVision(new SyntheticWeights(config, SEED)));
    }

    /** {@code count} preprocessed-looking images {@code [1, 3·S·S]}, values uniform in [-2, 2). */
    static FloatMatrix[] images(VisionTransformer tower, int count) {
        int side = tower.config().imageSize();
        SplittableRandom random = new SplittableRandom(SEED + 1);
        FloatMatrix[] images = new FloatMatrix[count];
        for (int i = 0; i < count; i++) {
            float[] data = new float[3 * side * side];
            for (int j = 0; j < data.length; j++) {
                data[j] = (float) (4 * random.nextDouble() - 2);
            }
            images[i] = FloatMatrix.wrap(data, 1, data.length);
        }
        return images;
    }

    /** {@code [C, E]} seeded class rows, L2-normalised: the text classifier of the stream benchmark. */
    static FloatMatrix classWeights(VisionTransformer tower) {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        int e = tower.embedDim();
        FloatMatrix w = FloatMatrix.allocate(CLASSES, e);
        for (int c = 0; c < CLASSES; c++) {
            float[] row = new float[e];
            for (int j = 0; j < e; j++) {
                row[j] = (float) random.nextGaussian();
            }
            Reductions.l2NormalizeInPlace(row);
            w.rowView(c).copyFrom(FloatMatrix.row(row));
        }
        return w;
    }

    /** The method a benchmark name stands for: {@code full}, {@code tca-R}, {@code evit-R} or {@code tome-R}. */
    static Method method(String name) {
        if (name.equals("full")) {
            return Method.parse("full");
        }
        int dash = name.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("method name '" + name + "': expected one of " + METHODS);
        }
        return Method.parse(name.substring(0, dash) + ":r=" + name.substring(dash + 1));
    }

    /** A fresh condenser of {@code method} for one pass (TCA without anchors: the gate of a new stream). */
    static RecordingCondenser condenser(Method method, int heads) {
        return switch (method) {
            case Method.Full f -> RecordingCondenser.full();
            case Method.Tca(TcaConfig c) -> new TcaCondenser(c, null, new SplittableRandom(c.seed()));
            case Method.Evit e -> new EvitCondenser(e.rate(), e.layers());
            case Method.Tome t -> new TomeCondenser(t.rate(), t.layers(), heads);
        };
    }

    /** The fvcore GFLOPs of one pass of {@code method} on {@code image}. */
    static double gflops(VisionTransformer tower, Method method, FloatMatrix image) {
        FlopCounter counter = new FlopCounter();
        RecordingCondenser condenser = condenser(method, tower.config().heads());
        FlopCounter.measure(counter, () -> {
            tower.encode(image, condenser, ForwardTrace.NONE);
        });
        return counter.fvcoreGflops();
    }
}
