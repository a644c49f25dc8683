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
 * Runs the real kernels at the default vector width (about 17.6 G multiply-accumulates).
 */
class VitB16FlopsTest {
    private static final int D = 768, HEADS = 12, BLOCKS = 12, MLP = 3072, OUT = 512, PATCHES = 196, TOKENS = 197;
    private static final float EPS = 1e-5f;

    @Test
    void oneImagePassCountsTheFvcoreGflopsOfThePaper() {
        long seed = 2024;
        Linear patchEmbed = Linear.of(Seeded.matrix(seed, D, D, -0.03, 0.03), null); // conv 16×16×3 as a matmul
        Linear qkv = Linear.of(Seeded.matrix(seed + 1, 3 * D, D, -0.03, 0.03), Seeded.matrix(seed + 2, 1, 3 * D));
        Linear outProj = Linear.of(Seeded.matrix(seed + 3, D, D, -0.03, 0.03), Seeded.matrix(seed + 4, 1, D));
        Linear fc = Linear.of(Seeded.matrix(seed + 5, MLP, D, -0.03, 0.03), Seeded.matrix(seed + 6, 1, MLP));
        Linear cProj = Linear.of(Seeded.matrix(seed + 9, D, MLP, -0.03, 0.03), Seeded.matrix(seed + 10, 1, D));
        Linear head = Linear.of(Seeded.matrix(seed + 11, OUT, D, -0.03, 0.03), null);
        FloatMatrix gamma = Seeded.matrix(seed + 12, 1, D, 0.9, 1.1), beta = Seeded.matrix(seed + 13, 1, D);
        FloatMatrix patches = Seeded.matrix(seed + 14, PATCHES, D);

        FlopCounter counter = new FlopCounter();
        float[] features = new float[OUT];
        FlopCounter.measure(counter, () -> {
            // stem: patch embedding, cls token in row 0, ln_pre
            FloatMatrix x = FloatMatrix.allocate(TOKENS, D);                  // [197, 768]
            MatMul.matmul(patches, patchEmbed, x.rows(1, TOKENS));
            LayerNorm.layerNorm(x, gamma, beta, EPS, x);
            FloatMatrix h = FloatMatrix.allocate(TOKENS, D);                  // [197, 768]
            FloatMatrix packed = FloatMatrix.allocate(TOKENS, 3 * D);         // [197, 2304]
            FloatMatrix heads = FloatMatrix.allocate(TOKENS, D);              // [197, 768]
            FloatMatrix hidden = FloatMatrix.allocate(TOKENS, MLP);           // [197, 3072]
            for (int block = 0; block < BLOCKS; block++) {
                // x = x + out_proj(attention(ln_1(x)))
                LayerNorm.layerNorm(x, gamma, beta, EPS, h);
                MatMul.matmul(h, qkv, packed);
                Attention.attention(packed, 0, HEADS, false, heads, null);
                MatMul.matmul(heads, outProj, h);
                Elementwise.addInPlace(x, h);
                // x = x + c_proj(gelu(c_fc(ln_2(x))))
                LayerNorm.layerNorm(x, gamma, beta, EPS, h);
                MatMul.matmul(h, fc, hidden);
                Activations.gelu(hidden);
                MatMul.matmul(hidden, cProj, h);
                Elementwise.addInPlace(x, h);
            }
            // ln_post on the cls row, then the projection to the shared embedding
            FloatMatrix cls = FloatMatrix.allocate(1, D);                     // [1, 768]
            LayerNorm.layerNorm(x.rows(0, 1), gamma, beta, EPS, cls);
            FloatMatrix embedding = FloatMatrix.allocate(1, OUT);             // [1, 512]
            MatMul.matmul(cls, head, embedding);
            System.arraycopy(embedding.toArray(), 0, features, 0, OUT);
        });

        long perBlockMacs = (long) TOKENS * D * 3 * D + 2L * TOKENS * TOKENS * D + (long) TOKENS * D * D
                + 2L * TOKENS * D * MLP;
        long macs = (long) PATCHES * D * D + BLOCKS * perBlockMacs + (long) D * OUT;
        assertThat(counter.macs()).isEqualTo(macs);
        assertThat(counter.layerNormElements()).isEqualTo((long) TOKENS * D * (1 + 2 * BLOCKS) + D);
        assertThat(Math.round(counter.fvcoreGflops() * 1000) / 1000.0).isEqualTo(17.582);
        assertThat(counter.flops()).isGreaterThan(2 * macs);
        for (float f : features) {
            assertThat(Float.isFinite(f)).as("finite feature").isTrue();
        }
    }
}
