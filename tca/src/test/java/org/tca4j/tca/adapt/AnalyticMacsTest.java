package org.tca4j.tca.adapt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tca4j.tca.config.Method;
import org.tca4j.tca.config.TcaConfig;
import org.tca4j.tca.testing.Traces;

/** The fvcore-convention count against the traces' per-image MACs and the paper's GFLOPs. */
class AnalyticMacsTest {
    private static final AnalyticMacs TINY = new AnalyticMacs(128, 64, 12, 14, 16);
    private static final Map<String, Method> TRACED = Map.of(
            "full", new Method.Full(),
            "tca_r0.035", new Method.Tca(TcaConfig.defaults()),
            "tca_r0.105", new Method.Tca(TcaConfig.defaults().withRate(0.105)),
            "evit_0.1", new Method.Evit(0.1, List.of(3, 6, 9)),
            "tome_0.1", new Method.Tome(0.1, List.of(3, 6, 9)));

    @Test
    void everyTracedImage() {
        for (String s : Traces.SETTINGS) {
            for (int pos = 0; pos < Traces.IMAGES; pos++) {
                Map<String, Object> rec = Traces.image(s, pos);
                boolean anchor = Boolean.TRUE.equals(rec.get("anchor_active"));
                long traced = ((Number) rec.get("macs")).longValue();
                assertThat(TINY.pass(TRACED.get(s), anchor)).as(s + " image " + pos).isEqualTo(traced);
                if (!s.startsWith("tome")) {
                    assertThat(TINY.pass(ints(rec, "tokens_attn"), ints(rec, "tokens_mlp"))).as(s + " image " + pos)
                            .isEqualTo(traced);
                }
            }
        }
    }

    @Test
    void vitB16MatchesTheTracesReferenceValuesAndThePaper() {
        assertThat(AnalyticMacs.VIT_B16.pass(new Method.Full(), false)).isEqualTo(17_582_369_280L);
        assertThat(AnalyticMacs.VIT_B16.pass(TRACED.get("tca_r0.035"), false)).isEqualTo(15_710_355_456L);
        assertThat(AnalyticMacs.VIT_B16.pass(TRACED.get("tca_r0.035"), true)).isEqualTo(15_719_126_784L);
        assertThat(AnalyticMacs.VIT_B16.pass(TRACED.get("tca_r0.105"), false)).isEqualTo(11_683_444_992L);
        assertThat(AnalyticMacs.VIT_B16.pass(TRACED.get("tca_r0.105"), true)).isEqualTo(11_691_884_544L);
        assertThat(AnalyticMacs.VIT_B16.pass(TRACED.get("evit_0.1"), false)).isEqualTo(15_411_714_816L);
        assertThat(AnalyticMacs.VIT_B16.pass(TRACED.get("tome_0.1"), false)).isEqualTo(15_304_386_784L);
        // the paper's table (two decimals): full 17.58, TCA 15.71 (r 0.035), 15.45 (r 0.038), 11.68 (r 0.105), EViT 15.41
        assertThat(gflops(new Method.Full())).isCloseTo(17.58, within(0.005));
        assertThat(gflops(new Method.Tca(TcaConfig.defaults()))).isCloseTo(15.71, within(0.005));
        assertThat(gflops(new Method.Tca(TcaConfig.defaults().withRate(TcaConfig.RATE_R09_PAPER)))).isCloseTo(15.45, within(0.005));
        assertThat(gflops(new Method.Tca(TcaConfig.defaults().withRate(TcaConfig.RATE_R07_PAPER)))).isCloseTo(11.68, within(0.005));
        assertThat(gflops(new Method.Evit(0.1, List.of(3, 6, 9)))).isCloseTo(15.41, within(0.005));
        assertThat(gflops(new Method.Evit(0.3, List.of(3, 6, 9)))).isCloseTo(11.62, within(0.005));
    }

    private static double gflops(Method m) {
        return AnalyticMacs.VIT_B16.pass(m, false) / 1e9;
    }

    @SuppressWarnings("unchecked")
    private static int[] ints(Map<String, Object> rec, String key) {
        return ((List<Number>) rec.get(key)).stream().mapToInt(Number::intValue).toArray();
    }
}
