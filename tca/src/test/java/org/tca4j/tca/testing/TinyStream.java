package org.tca4j.tca.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tca4j.core.testing.Npy;
import org.tca4j.core.testing.TestData;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.adapt.StreamClassifier;
import org.tca4j.tca.adapt.StreamResult;
import org.tca4j.tca.adapt.VisionPass;
import org.tca4j.tca.config.Method;
import org.tca4j.tca.config.TcaConfig;
import org.tca4j.vit.io.ModelFile;
import org.tca4j.vit.model.Clip;

/**
 * The traced stream run for real: the tiny QuickGELU model ({@code testdata/models/tiny-quickgelu.tca4j}), the 80
 * Fashion-MNIST images of {@code testdata/tca/inputs/resized_u8.npy} normalised as the trace README says, the
 * traced text classifier, one {@link StreamClassifier} per setting. Each setting's run is made once per JVM and
 * shared by the tests.
 */
public final class TinyStream {
    /** open_clip's OPENAI_DATASET_MEAN / _STD, the normalisation of the traces. */
    private static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    private static final float[] STD = {0.26862954f, 0.26130258f, 0.27577711f};
    private static final Map<String, List<StreamResult>> RUNS = new ConcurrentHashMap<>();
    private static final Map<String, List<List<List<Long>>>> RESERVOIRS = new ConcurrentHashMap<>();
    private static Clip clip;

    private TinyStream() {}

    /** The method each traced setting ran. */
    public static Method method(String setting) {
        return switch (setting) {
            case "full" -> new Method.Full();
            case "tca_r0.035" -> new Method.Tca(TcaConfig.defaults());
            case "tca_r0.105" -> new Method.Tca(TcaConfig.defaults().withRate(0.105));
            case "evit_0.1" -> new Method.Evit(0.1, Method.DEFAULT_LAYERS);
            case "tome_0.1" -> new Method.Tome(0.1, Method.DEFAULT_LAYERS);
            default -> throw new IllegalArgumentException(setting);
        };
    }

    /** The tiny model, loaded once. */
    public static synchronized Clip clip() {
        if (clip == null) {
            try {
                clip = Clip.load(ModelFile.open(TestData.path("models/tiny-quickgelu.tca4j")));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot load the tiny model", e);
            }
        }
        return clip;
    }

    /** A classifier of {@code method} over the tiny model and the traced text classifier. */
    public static StreamClassifier classifier(Method method) {
        Clip c = clip();
        return new StreamClassifier(VisionPass.of(c.visual()), c.config().vision().heads(),
                c.config().vision().layers(), Traces.matrix(Traces.file("text/classifier")), method);
    }

    /** The results of the whole stream under {@code setting}, image by image. */
    public static List<StreamResult> run(String setting) {
        return RUNS.computeIfAbsent(setting, s -> {
            StreamClassifier classifier = classifier(method(s));
            List<StreamResult> results = new ArrayList<>();
            List<List<List<Long>>> reservoirs = new ArrayList<>();
            for (int pos = 0; pos < Traces.IMAGES; pos++) {
                results.add(classifier.classify(image(pos)));
                if (classifier.reservoir() != null) {
                    List<List<Long>> ids = new ArrayList<>();
                    for (int c = 0; c < classifier.reservoir().classes(); c++) {
                        ids.add(classifier.reservoir().entries(c).stream().map(e -> e.id()).toList());
                    }
                    reservoirs.add(ids);
                }
            }
            RESERVOIRS.put(s, reservoirs);
            return results;
        });
    }

    /** The reservoir's ids per class after each image's update (TCA settings), from {@link #run}. */
    public static List<List<List<Long>>> reservoirAfter(String setting) {
        run(setting);
        return RESERVOIRS.get(setting);
    }

    /** Image {@code pos} of the stream as model input {@code [1, 3·224·224]}: {@code (v/255 − mean_c)/std_c}. */
    public static FloatMatrix image(int pos) {
        Npy resized = Traces.file("inputs/resized_u8");
        int side = resized.shape()[1];
        int[] v = Traces.ints(resized, pos);
        float[] px = new float[3 * side * side];
        for (int ch = 0; ch < 3; ch++) {
            for (int i = 0; i < side * side; i++) {
                px[ch * side * side + i] = (v[i] / 255f - MEAN[ch]) / STD[ch];
            }
        }
        return FloatMatrix.wrap(px, 1, px.length);
    }
}
