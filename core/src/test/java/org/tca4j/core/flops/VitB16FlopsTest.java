package org.tca4j.core.flops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tca4j.core.kernels.Activations;
import org.tca4j.core.kernels.Attention;
import org.tca4j.core.kernels.Elementwise;
import org.tca4j.core.kernels.LayerNorm;
import org.tca4j.core.kernels.Linear;
import org.tca4j.core.kernels.MatMul;
import org.tca4j.core.testing.Seeded;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * The kernel calls of one ViT-B/16 image pass (224×224, 196 patches + cls, D = 768, 12 heads, 12 blocks, MLP 3072,
 * output 512), with seeded weights shared by the blocks, under a {@link FlopCounter}: it must report the fvcore
 * figure of the TCA paper, 17.582 GFLOPs (section 13.3 of the TCA notes; the paper's table rounds to 17.59).
 * Runs the real kernels at the default vector width (about 17.6 G multiply-accumulates), after the same sequence on
 * a tiny tower has warmed the JIT (otherwise the first big products run in the interpreter).
 */
class VitB16FlopsTest {
    private static final float EPS = 1e-5f;

    /** One tower's shapes and its weights (one set shared by all blocks). */
    private record Tower(int patches, int d, int heads, int blocks, int mlp, int out, Linear patchEmbed, Linear qkv,
                         Linear outProj, Linear fc, Linear cProj, Linear head, FloatMatrix gamma, FloatMatrix beta) {
        static Tower seeded(long seed, int patches, int d, int heads, int blocks, int mlp, int out) {
            return new Tower(patches, d, heads, blocks, mlp, out,
                    Linear.of(Seeded.matrix(seed, d, d, -0.03, 0.03), null), // conv 16×16×3 as a matmul
                    Linear.of(Seeded.matrix(seed + 1, 3 * d, d, -0.03, 0.03), Seeded.matrix(seed + 2, 1, 3 * d)),
                    Linear.of(Seeded.matrix(seed + 3, d, d, -0.03, 0.03), Seeded.matrix(seed + 4, 1, d)),
                    Linear.of(Seeded.matrix(seed + 5, mlp, d, -0.03, 0.03), Seeded.matrix(seed + 6, 1, mlp)),
                    Linear.of(Seeded.matrix(seed + 7, d, mlp, -0.03, 0.03), Seeded.matrix(seed + 8, 1, d)),
                    Linear.of(Seeded.matrix(seed + 9, out, d, -0.03, 0.03), null),
                    Seeded.matrix(seed + 10, 1, d, 0.9, 1.1), Seeded.matrix(seed + 11, 1, d));
        }

        /** The image pass over {@code patches} rows of flattened patches: the embedding {@code [1, out]}. */
        FloatMatrix encode(FloatMatrix pixels) {
            int tokens = patches + 1;
            // stem: patch embedding, cls token in row 0, ln_pre
            FloatMatrix x = FloatMatrix.allocate(tokens, d);                  // [197, 768]
            MatMul.matmul(pixels, patchEmbed, x.rows(1, tokens));
            LayerNorm.layerNorm(x, gamma, beta, EPS, x);
            FloatMatrix h = FloatMatrix.allocate(tokens, d);                  // [197, 768]
            FloatMatrix packed = FloatMatrix.allocate(tokens, 3 * d);         // [197, 2304]
            FloatMatrix attended = FloatMatrix.allocate(tokens, d);           // [197, 768]
            FloatMatrix hidden = FloatMatrix.allocate(tokens, mlp);           // [197, 3072]
            for (int block = 0; block < blocks; block++) {
                // x = x + out_proj(attention(ln_1(x)))
                LayerNorm.layerNorm(x, gamma, beta, EPS, h);
                MatMul.matmul(h, qkv, packed);
                Attention.attention(packed, 0, heads, false, attended, null);
                MatMul.matmul(attended, outProj, h);
                Elementwise.addInPlace(x, h);
                // x = x + c_proj(gelu(c_fc(ln_2(x))))
                LayerNorm.layerNorm(x, gamma, beta, EPS, h);
                MatMul.matmul(h, fc, hidden);
                Activations.gelu(hidden);
                MatMul.matmul(hidden, cProj, h);
                Elementwise.addInPlace(x, h);
            }
            // ln_post on the cls row, then the projection to the shared embedding
            FloatMatrix cls = FloatMatrix.allocate(1, d);                     // [1, 768]
            LayerNorm.layerNorm(x.rows(0, 1), gamma, beta, EPS, cls);
            FloatMatrix embedding = FloatMatrix.allocate(1, out);             // [1, 512]
            MatMul.matmul(cls, head, embedding);
            return embedding;
        }
    }

    @Test
    void oneImagePassCountsTheFvcoreGflopsOfThePaper() throws Exception {
        Tower tiny = Tower.seeded(7, 13, 96, 3, 2, 384, 64);
        FloatMatrix tinyPixels = Seeded.matrix(8, 13, 96);
        for (int i = 0; i < 150; i++) {
            tiny.encode(tinyPixels);
        }
        Tower vit = Tower.seeded(2024, 196, 768, 12, 12, 3072, 512);
        FloatMatrix pixels = Seeded.matrix(2040, 196, 768);

        FlopCounter counter = new FlopCounter();
        FloatMatrix features = FlopCounter.measure(counter, () -> vit.encode(pixels));

        long tokens = 197, d = 768, mlp = 3072;
        long perBlockMacs = tokens * d * 3 * d + 2 * tokens * tokens * d + tokens * d * d + 2 * tokens * d * mlp;
        long macs = 196 * d * d + 12 * perBlockMacs + d * 512;
        assertThat(counter.macs()).isEqualTo(macs);
        assertThat(counter.layerNormElements()).isEqualTo(tokens * d * (1 + 2 * 12) + d);
        assertThat(Math.round(counter.fvcoreGflops() * 1000) / 1000.0).isEqualTo(17.582);
        assertThat(counter.flops()).isGreaterThan(2 * macs);
        for (float f : features.toArray()) {
            assertThat(Float.isFinite(f)).as("finite feature").isTrue();
        }
    }
}
