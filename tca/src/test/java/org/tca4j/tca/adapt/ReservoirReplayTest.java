package org.tca4j.tca.adapt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tca4j.tca.testing.Traces.floats;
import static org.tca4j.tca.testing.Traces.ints;
import static org.tca4j.tca.testing.Traces.npy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.config.Method;
import org.tca4j.tca.config.TcaConfig;
import org.tca4j.tca.reservoir.ReservoirEntry;
import org.tca4j.tca.reservoir.TokenReservoir;
import org.tca4j.tca.testing.Traces;

/**
 * The online loop without the tower: a pass that replays the traced {@code <cls>} tokens and embeddings drives
 * the real classifier, so the reservoir after every update, the evictions, the anchors chosen (from our own anchor
 * cache), the correction and both predictions must follow the official code's trace image by image.
 */
class ReservoirReplayTest {
    /** Replays the trace: the {@code <cls>} entering each block, the one leaving it, and the embedding. */
    static VisionPass replay(String setting) {
        var cls = npy(setting, "cls_tokens");
        var emb = npy(setting, "emb_raw");
        int layers = cls.shape()[1], width = cls.shape()[2];
        return (image, condenser) -> {
            int pos = (int) image.get(0, 0);
            float[] z = floats(cls, pos);
            for (int l = 0; l < layers; l++) {
                if (l > 0 && condenser.wantsClsAttention(l)) {
                    condenser.contextTokens(l, FloatMatrix.wrap(java.util.Arrays.copyOfRange(z, (l - 1) * width, l * width), 1, width));
                }
                condenser.afterBlock(l, FloatMatrix.wrap(java.util.Arrays.copyOfRange(z, l * width, (l + 1) * width), 1, width));
            }
            return floats(emb, pos);
        };
    }

    static StreamClassifier classifier(String setting, Method method) {
        var classifier = Traces.file("text/classifier");
        return new StreamClassifier(replay(setting), 2, 12, Traces.matrix(classifier), method);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tca_r0.035, 0.035", "tca_r0.105, 0.105"})
    void everyImageFollowsTheTrace(String setting, double rate) {
        var c = classifier(setting, new Method.Tca(TcaConfig.defaults().withRate(rate)));
        for (int pos = 0; pos < Traces.IMAGES; pos++) {
            StreamResult r = c.classify(FloatMatrix.wrap(new float[] {pos}, 1, 1));
            Map<String, Object> rec = Traces.image(setting, pos);
            String what = setting + " image " + pos;
            assertThat(r.logits()).as(what + " logits").containsExactly(floats(npy(setting, "logits"), pos), within(1e-4f));
            assertThat(r.entropy()).as(what + " entropy").isCloseTo(floats(npy(setting, "entropy"), pos)[0], within(1e-5f));
            assertThat(r.uncorrectedPred()).as(what + " pred").isEqualTo(ints(npy(setting, "pred"), pos)[0]);
            // anchors chosen from our own cache of the previous update
            int[] anchors = {ints(npy(setting, "b3_anchor_class"), pos)[0], ints(npy(setting, "b6_anchor_class"), pos)[0],
                    ints(npy(setting, "b9_anchor_class"), pos)[0]};
            assertThat(r.anchors()).as(what + " anchors").containsExactly(anchors);
            assertReservoir(what, c.reservoir(), rec);
            assertEviction(what, r.eviction(), rec);
            assertThat(r.finalLogits()).as(what + " corrected logits")
                    .containsExactly(floats(npy(setting, "final_logits"), pos), within(1e-4f));
            assertThat(r.pred()).as(what + " final pred").isEqualTo(ints(npy(setting, "final_pred"), pos)[0]);
            assertAffinities(what, c, r, rec);
        }
    }

    /** A process that saves after image 40 and a fresh one that restores continue exactly like one that never stopped. */
    @org.junit.jupiter.api.Test
    void aRestartedClassifierContinuesTheStream(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Method tca = new Method.Tca(TcaConfig.defaults());
        var uninterrupted = classifier("tca_r0.035", tca);
        var first = classifier("tca_r0.035", tca);
        var file = dir.resolve("reservoir.bin");
        for (int pos = 0; pos < Traces.IMAGES; pos++) {
            var image = FloatMatrix.wrap(new float[] {pos}, 1, 1);
            StreamResult expected = uninterrupted.classify(image);
            if (pos == 40) {
                first.saveReservoir(file);
                first = classifier("tca_r0.035", tca);
                first.restoreReservoir(file);
                assertThat(first.imagesSeen()).isEqualTo(40);
            }
            StreamResult r = first.classify(image);
            assertThat(r.index()).isEqualTo(expected.index());
            assertThat(r.anchors()).as("anchors of image " + pos).containsExactly(expected.anchors());
            assertThat(r.finalLogits()).as("corrected logits of image " + pos).containsExactly(expected.finalLogits());
        }
    }

    @SuppressWarnings("unchecked")
    static void assertReservoir(String what, TokenReservoir reservoir, Map<String, Object> rec) {
        var after = (Map<String, List<List<Number>>>) rec.get("reservoir_after");
        for (int c = 0; c < reservoir.classes(); c++) {
            List<Long> ids = new ArrayList<>();
            List<Float> ent = new ArrayList<>();
            for (List<Number> e : after.get(String.valueOf(c))) {
                ids.add(e.get(0).longValue());
                ent.add(e.get(1).floatValue());
            }
            assertThat(reservoir.entries(c).stream().map(ReservoirEntry::id).toList())
                    .as(what + " reservoir of class " + c + " (ids, in order)").isEqualTo(ids);
            for (int i = 0; i < ent.size(); i++) {
                assertThat(reservoir.entries(c).get(i).entropy()).isCloseTo(ent.get(i), within(1e-5f));
            }
        }
    }

    @SuppressWarnings("unchecked")
    static void assertEviction(String what, TokenReservoir.Eviction ev, Map<String, Object> rec) {
        var traced = (Map<String, Object>) rec.get("eviction");
        if (traced == null) {
            assertThat(ev).as(what + " eviction").isNull();
            return;
        }
        assertThat(ev).as(what + " eviction").isNotNull();
        assertThat(ev.cls()).isEqualTo(((Number) traced.get("class")).intValue());
        var candidates = ((List<Number>) traced.get("candidates")).stream().map(Number::longValue).toList();
        assertThat(ev.candidates().stream().map(ReservoirEntry::id).toList()).as(what + " candidates").isEqualTo(candidates);
        var meanCos = (List<Number>) traced.get("mean_cos");
        var scores = (List<Number>) traced.get("scores");
        for (int i = 0; i < candidates.size(); i++) {
            assertThat(ev.meanCos()[i]).as(what + " mean cos " + i).isCloseTo(meanCos.get(i).doubleValue(), within(1e-5));
            assertThat(ev.scores()[i]).as(what + " score " + i).isCloseTo(scores.get(i).doubleValue(), within(1e-5));
        }
        assertThat(ev.evictedEntry().id()).as(what + " evicted").isEqualTo(((Number) traced.get("evicted")).longValue());
    }

    @SuppressWarnings("unchecked")
    static void assertAffinities(String what, StreamClassifier c, StreamResult r, Map<String, Object> rec) {
        var z = r.condenser().clsTokens();
        var correction = new LogitCorrection(12, 0.1, 3.0, 5.0);
        var traced = (List<Map<String, Object>>) rec.get("reservoir_affinities");
        int n = 0;
        for (int cls = 0; cls < c.reservoir().classes(); cls++) {
            for (ReservoirEntry e : c.reservoir().entries(cls)) {
                Map<String, Object> t = traced.get(n++);
                assertThat(((Number) t.get("pos")).longValue()).isEqualTo(e.id());
                assertThat(correction.affinity(z, e)).as(what + " affinity of entry " + e.id())
                        .isCloseTo(((Number) t.get("affinity")).doubleValue(), within(1e-5));
            }
        }
        assertThat(n).as(what + " entries with an affinity").isEqualTo(traced.size());
    }

}
