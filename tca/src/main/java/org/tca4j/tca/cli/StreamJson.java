package org.tca4j.tca.cli;

import java.util.List;
import java.util.Locale;
import org.tca4j.tca.adapt.StreamResult;
import org.tca4j.tca.config.Method;

/** The JSON line {@code stream} writes per image. */
final class StreamJson {
    private StreamJson() {}

    static String line(int index, StreamCommand.Item item, List<String> labels, StreamResult r, Method method,
                       int labelled, int correct) {
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"index\": ").append(index);
        sb.append(", \"path\": \"").append(Json.escape(item.path().toString())).append('"');
        sb.append(", \"pred\": ").append(r.pred());
        sb.append(", \"pred_label\": \"").append(Json.escape(labels.get(r.pred()))).append('"');
        sb.append(", \"logits\": ").append(floats(r.logits()));
        sb.append(", \"final_logits\": ").append(floats(r.finalLogits()));
        sb.append(", \"tokens\": ").append(ints(r.tokensPerBlock()));
        sb.append(String.format(Locale.ROOT, ", \"gflops\": %.6f", r.gflops()));
        sb.append(", \"anchor\": ").append(method instanceof Method.Tca ? anchors(r.anchors()) : "null");
        sb.append(String.format(Locale.ROOT, ", \"ms\": %.3f", r.nanos() / 1e6));
        if (item.label() >= 0) {
            sb.append(", \"label\": ").append(item.label());
            sb.append(", \"correct\": ").append(r.pred() == item.label());
            sb.append(String.format(Locale.ROOT, ", \"accuracy\": %.6f", (double) correct / labelled));
        }
        return sb.append('}').toString();
    }

    private static String floats(float[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? ", " : "").append(Float.isFinite(v[i]) ? Float.toString(v[i]) : "null");
        }
        return sb.append(']').toString();
    }

    private static String ints(int[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? ", " : "").append(v[i]);
        }
        return sb.append(']').toString();
    }

    /** The anchor class per condensation block, null where the gate was closed. */
    private static String anchors(int[] a) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
            sb.append(i > 0 ? ", " : "").append(a[i] < 0 ? "null" : Integer.toString(a[i]));
        }
        return sb.append(']').toString();
    }
}
