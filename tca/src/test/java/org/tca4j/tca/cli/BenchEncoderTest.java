package org.tca4j.tca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tca4j.vit.config.Activation;
import org.tca4j.vit.config.ClipConfig;
import org.tca4j.vit.config.PreprocessConfig;
import org.tca4j.vit.config.TextConfig;
import org.tca4j.vit.config.VisionConfig;
import org.tca4j.vit.model.Clip;
import org.tca4j.vit.weights.SyntheticWeights;

class BenchEncoderTest {
    @Test
    void measuresATinyModelAndWritesTheDocumentedJsonKeys() throws Exception {
        ClipConfig tiny = new ClipConfig(
                new VisionConfig(32, 8, 64, 2, 2, 256, Activation.GELU, 1e-5f),
                new TextConfig(16, 100, 32, 2, 2, 128, Activation.GELU, 1e-5f),
                16, PreprocessConfig.openai(32));
        Clip clip = Clip.load(new SyntheticWeights(tiny, 1));
        BenchEncoder.Result r = BenchEncoder.measure("tiny", clip, 2, 3, 4, 3, 12.5);
        assertThat(r.minMs()).isPositive().isLessThanOrEqualTo(r.medianMsPerImage());
        assertThat(r.maxMs()).isGreaterThanOrEqualTo(r.medianMsPerImage());
        long macs = 16L * 192 * 64 + 2 * (17L * 3 * 64 * 64 + 2L * 17 * 17 * 64 + 17L * 64 * 64 + 2L * 17 * 64 * 256)
                + 64 * 16;
        long layerNorm = 17L * 64 + 2 * 2 * 17 * 64 + 64;
        assertThat(r.gflopsPerImage()).isEqualTo((macs + 5.0 * layerNorm) / 1e9);
        String json = BenchEncoder.toJson(r);
        for (String key : new String[] {"median_ms_per_image", "min_ms", "max_ms", "gflops_per_image", "threads",
                "batch", "median_ms_per_prompt", "load_ms", "first_image_ms", "cold_start_ms", "peak_rss_mb"}) {
            assertThat(json).contains("\"" + key + "\": ");
        }
        assertThat(r.firstImageMs()).isPositive();
        assertThat(r.coldStartMs()).isGreaterThan(r.firstImageMs());
        assertThat(r.peakRssMb()).isGreaterThan(10);
        assertThat(json).contains("\"load_ms\": 12.5").contains("\"threads\": 2").contains("\"batch\": 3").startsWith("{").endsWith("}");
    }
}
