package org.tca4j.tca.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.adapt.StreamClassifier;
import org.tca4j.tca.adapt.StreamResult;
import org.tca4j.tca.adapt.VisionPass;
import org.tca4j.tca.config.Method;
import org.tca4j.tca.eval.MethodResult;
import org.tca4j.vit.model.Clip;

/**
 * One method of the demo over a list of preprocessed images, as a stream (TCA's reservoir grows image by image):
 * the predictions, the mean tokens per block and GFLOPs, and the median wall time of a step.
 *
 * @param name the method's name ({@code zero-shot}, {@code tca}, {@code tca-0.105}, {@code evit}, {@code tome})
 * @param preds the prediction per image
 * @param summary tokens, GFLOPs and accuracy in the eval report's form ({@code correct} is 0 without truths)
 * @param medianMs median milliseconds of one classifier step (pass, reservoir update, correction)
 * @param fastestMs the fastest step, the least disturbed by other processes on a shared machine
 */
record DemoRun(String name, int[] preds, MethodResult summary, double medianMs, double fastestMs) {

    /**
     * Runs every method over {@code images}, each as its own stream, interleaved image by image so that a busy
     * machine slows all methods alike. First {@code warmups} untimed steps of throwaway classifiers per method, so
     * the JIT has compiled every pass and the measured streams still start with an empty reservoir.
     *
     * @param truths the true class per image, or null
     */
    static List<DemoRun> measure(List<String> names, List<Method> methods, Clip clip, FloatMatrix classes,
            List<FloatMatrix> images, int[] truths, int warmups) {
        for (Method method : methods) {
            StreamClassifier throwaway = classifier(clip, classes, method);
            for (int i = 0; i < warmups; i++) {
                throwaway.classify(images.get(i % images.size()));
            }
        }
        int n = images.size(), m = methods.size(), layers = clip.config().vision().layers();
        List<StreamClassifier> classifiers = methods.stream().map(method -> classifier(clip, classes, method)).toList();
        int[][] preds = new int[m][n];
        double[][] ms = new double[m][n];
        long[][] tokens = new long[m][layers];
        double[] gflops = new double[m];
        int[] correct = new int[m];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < m; k++) {
                StreamResult r = classifiers.get(k).classify(images.get(i));
                preds[k][i] = r.pred();
                correct[k] += truths != null && truths[i] == r.pred() ? 1 : 0;
                ms[k][i] = r.nanos() / 1e6;
                gflops[k] += r.gflops();
                for (int b = 0; b < layers; b++) {
                    tokens[k][b] += r.tokensPerBlock()[b];
                }
            }
        }
        List<DemoRun> runs = new ArrayList<>();
        for (int k = 0; k < m; k++) {
            double[] meanTokens = new double[layers];
            for (int b = 0; b < layers; b++) {
                meanTokens[b] = (double) tokens[k][b] / n;
            }
            double seconds = Arrays.stream(ms[k]).sum() / 1e3;
            runs.add(new DemoRun(names.get(k), preds[k], new MethodResult(names.get(k), n, correct[k], gflops[k] / n,
                    meanTokens, seconds), median(ms[k]), Arrays.stream(ms[k]).min().orElseThrow()));
        }
        return runs;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static StreamClassifier classifier(Clip clip, FloatMatrix classes, Method method) {
        var vision = clip.config().vision();
        return new StreamClassifier(VisionPass.of(clip.visual()), vision.heads(), vision.layers(), classes, method);
    }

    /** {@code "−23.1 %"} against the full pass's value, or {@code ""} for the full pass itself. */
    static String saving(double value, double full) {
        return value == full ? "" : String.format(Locale.ROOT, "%+.1f %%", 100 * (value - full) / full);
    }
}
