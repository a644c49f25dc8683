package org.tca4j.tca.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tca4j.core.testing.Npy;
import org.tca4j.core.testing.TestData;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * The TCA golden traces ({@code testdata/tca}, see its README): settings, per-block arrays, dumps and
 * {@code trace.json}. Missing files fail the test.
 */
public final class Traces {
    /** The traced settings. */
    public static final List<String> SETTINGS = List.of("full", "tca_r0.035", "tca_r0.105", "evit_0.1", "tome_0.1");
    /** Images in the traced stream. */
    public static final int IMAGES = 80;

    private static final Map<String, Npy> CACHE = new ConcurrentHashMap<>();
    private static final Map<String, Map<String, Object>> TRACES = new ConcurrentHashMap<>();
    private static final Map<Npy, float[]> DECODED_FLOATS = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
    private static final Map<Npy, int[]> DECODED_INTS = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    private Traces() {}

    /** An array of a setting, e.g. {@code npy("tca_r0.035", "b3_scores")}; cached. */
    public static Npy npy(String setting, String name) {
        return CACHE.computeIfAbsent(setting + "/" + name,
                k -> TestData.npy("tca/settings/" + setting + "/" + name + ".npy"));
    }

    /** Any array below {@code testdata/tca}, e.g. {@code file("text/classifier")}; cached. */
    public static Npy file(String relative) {
        return CACHE.computeIfAbsent(relative, k -> TestData.npy("tca/" + relative + ".npy"));
    }

    /** A dumped matrix of image {@code pos}, e.g. {@code dump("tca_r0.035", 38, "b03_x_attn")}. */
    public static Npy dump(String setting, int pos, String name) {
        return TestData.npy(String.format("tca/settings/%s/dumps/pos%03d/%s.npy", setting, pos, name));
    }

    /** A 2-d array as a matrix. */
    public static FloatMatrix matrix(Npy a) {
        if (a.shape().length != 2) {
            throw new IllegalArgumentException("not 2-d: " + java.util.Arrays.toString(a.shape()));
        }
        return FloatMatrix.wrap(a.floats(), a.shape()[0], a.shape()[1]);
    }

    /** Slice {@code i} along the first axis of an array, flattened. */
    public static float[] floats(Npy a, int i) {
        int per = Math.toIntExact(a.size() / a.shape()[0]);
        float[] all = DECODED_FLOATS.computeIfAbsent(a, Npy::floats);
        return java.util.Arrays.copyOfRange(all, i * per, (i + 1) * per);
    }

    /** Slice {@code i} along the first axis of an int array. */
    public static int[] ints(Npy a, int i) {
        int per = Math.toIntExact(a.size() / a.shape()[0]);
        int[] all = DECODED_INTS.computeIfAbsent(a, Npy::ints);
        return java.util.Arrays.copyOfRange(all, i * per, (i + 1) * per);
    }

    /** Slice {@code i} of a 3-d array as a matrix. */
    public static FloatMatrix matrix(Npy a, int i) {
        return FloatMatrix.wrap(floats(a, i), a.shape()[1], a.shape()[2]);
    }

    /** The parsed {@code trace.json} of a setting. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> trace(String setting) {
        return TRACES.computeIfAbsent(setting, s -> {
            try {
                return (Map<String, Object>) Json.parse(Files.readString(
                        TestData.path("tca/settings/" + s + "/trace.json")));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the trace of " + s, e);
            }
        });
    }

    /** The trace record of image {@code pos}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> image(String setting, int pos) {
        Map<String, Object> rec = ((List<Map<String, Object>>) trace(setting).get("images")).get(pos);
        if (((Number) rec.get("pos")).intValue() != pos) {
            throw new IllegalStateException("trace of " + setting + " is not in stream order at " + pos);
        }
        return rec;
    }

    /** The normalised mean square error {@code Σ(a−b)² / Σ b²}. */
    public static double nmse(float[] actual, float[] expected) {
        if (actual.length != expected.length) {
            throw new IllegalArgumentException(actual.length + " values vs " + expected.length);
        }
        double num = 0, den = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = (double) actual[i] - expected[i];
            num += d * d;
            den += (double) expected[i] * expected[i];
        }
        return num / Math.max(den, 1e-30);
    }
}
