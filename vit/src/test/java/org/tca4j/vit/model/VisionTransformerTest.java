package org.tca4j.vit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tca4j.core.flops.FlopCounter;
import org.tca4j.core.kernels.SparseRows;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.vit.condense.TokenCondenser;
import org.tca4j.vit.config.Activation;
import org.tca4j.vit.config.ClipConfig;

class VisionTransformerTest {
    private static final long SEED = 42;
    private final ClipConfig config = TinyModels.config(Activation.GELU);
    private final Clip clip = TinyModels.clip(config, SEED);
    private final FloatMatrix images = TinyModels.images(3, 32, SEED + 1);

    @Test
    void identityPlansAndClsRequestsLeaveThePassBitIdentical() {
        TokenCondenser identity = new TokenCondenser() {
            @Override
            public boolean wantsClsAttention(int layer) {
                return true;
            }

            @Override
            public SparseRows plan(int layer, FloatMatrix x, FloatMatrix clsAttention) {
                return SparseRows.identity(x.rows());
            }
        };
        for (int b = 0; b < images.rows(); b++) {
            float[] plain = clip.visual().encode(images.rowView(b), TokenCondenser.NONE, ForwardTrace.NONE).features();
            float[] hooked = clip.visual().encode(images.rowView(b), identity, ForwardTrace.NONE).features();
            assertThat(hooked).as("image %d, seed %d", b, SEED).containsExactly(plain);
        }
    }

    @Test
    void aReusedWorkspaceAndANestedPassGiveTheSameBits() {
        VisionTransformer tower = clip.visual();
        FloatMatrix first = images.rowView(0), second = images.rowView(1);
        TokenCondenser dropLast = new TokenCondenser() {
            @Override
            public SparseRows plan(int layer, FloatMatrix x, FloatMatrix clsAttention) {
                return layer == 1 ? keepFirst(x.rows(), x.rows() - 1) : null;
            }
        };
        float[] condensed = tower.encode(first, dropLast, ForwardTrace.NONE).features();
        float[] plain = tower.encode(second, TokenCondenser.NONE, ForwardTrace.NONE).features();
        assertThat(tower.encode(first, dropLast, ForwardTrace.NONE).features()).as("condensed pass, again")
                .containsExactly(condensed);
        float[][] nested = new float[1][];
        TokenCondenser encodesInside = new TokenCondenser() {
            @Override
            public SparseRows plan(int layer, FloatMatrix x, FloatMatrix clsAttention) {
                if (layer == 0) {
                    nested[0] = tower.encode(second, TokenCondenser.NONE, ForwardTrace.NONE).features();
                }
                return null;
            }
        };
        float[] outer = tower.encode(first, encodesInside, ForwardTrace.NONE).features();
        assertThat(nested[0]).as("a pass inside a hook").containsExactly(plain);
        assertThat(outer).as("the pass around it")
                .containsExactly(tower.encode(first, TokenCondenser.NONE, ForwardTrace.NONE).features());
    }

    @Test
    void batchEqualsSingleImagesAndRepeatsBitForBit() {
        FloatMatrix batch = clip.encodeImages(images);
        assertThat(batch.rows()).isEqualTo(3);
        assertThat(batch.cols()).isEqualTo(16);
        for (int b = 0; b < images.rows(); b++) {
            float[] single = clip.visual().encode(images.rowView(b), TokenCondenser.NONE, ForwardTrace.NONE)
                    .features();
            assertThat(batch.rowArray(b)).as("image %d", b).containsExactly(single);
        }
        assertThat(clip.encodeImages(images).toArray()).containsExactly(batch.toArray());
    }

    @Test
    void concurrentCallsGiveTheSequentialResults() throws Exception {
        FloatMatrix expected = clip.encodeImages(images);
        List<Thread> threads = new ArrayList<>();
        float[][][] results = new float[4][][];
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(Thread.ofPlatform().start(() -> {
                results[id] = new float[images.rows()][];
                for (int rep = 0; rep < 3; rep++) {
                    for (int b = 0; b < images.rows(); b++) {
                        results[id][b] = clip.encodeImages(images.rowView(b)).toArray();
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        for (float[][] r : results) {
            for (int b = 0; b < images.rows(); b++) {
                assertThat(r[b]).containsExactly(expected.rowArray(b));
            }
        }
    }

    @Test
    void permutingPatchRowsChangesOnlyRounding() {
        int n = config.vision().tokens();
        TokenCondenser reverse = (layer, x, cls) -> layer != 1 ? null : permutation(n);
        float[] plain = clip.visual().encode(images.rowView(0), TokenCondenser.NONE, ForwardTrace.NONE).features();
        float[] permuted = clip.visual().encode(images.rowView(0), reverse, ForwardTrace.NONE).features();
        assertThat(permuted).isNotEqualTo(plain);
        for (int i = 0; i < plain.length; i++) {
            assertThat(permuted[i]).as("feature %d", i).isCloseTo(plain[i], offset(1e-5f));
        }
    }

    /** Class token first, then the patches in reverse order. */
    private static SparseRows permutation(int n) {
        int[] starts = new int[n + 1];
        int[] src = new int[n];
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            starts[i + 1] = i + 1;
            src[i] = i == 0 ? 0 : n - i;
            w[i] = 1f;
        }
        return new SparseRows(n, starts, src, w);
    }

    @Test
    void droppingRowsShrinksTheTokensAndTheWork() {
        TokenCondenser keepHalf = (layer, x, cls) -> layer == 0 ? keepFirst(x.rows(), 9) : null;
        List<Integer> seen = new ArrayList<>();
        ForwardTrace trace = new ForwardTrace() {
            @Override
            public void afterBlock(int layer, FloatMatrix x) {
                seen.add(x.rows());
            }
        };
        FlopCounter full = new FlopCounter();
        FlopCounter condensed = new FlopCounter();
        ImageEncoding plain = measure(full, TokenCondenser.NONE, ForwardTrace.NONE);
        ImageEncoding pruned = measure(condensed, keepHalf, trace);
        assertThat(plain.tokensPerBlock()).containsExactly(17, 17, 17);
        assertThat(pruned.tokensPerBlock()).containsExactly(9, 9, 9);
        assertThat(seen).containsExactly(9, 9, 9);
        assertThat(pruned.tokenBlocks()).isEqualTo(27);
        assertThat(condensed.macs()).isLessThan(full.macs());
    }

    private ImageEncoding measure(FlopCounter counter, TokenCondenser condenser, ForwardTrace trace) {
        ImageEncoding[] out = new ImageEncoding[1];
        FlopCounter.measure(counter, () -> {
            out[0] = clip.visual().encode(images.rowView(0), condenser, trace);
        });
        return out[0];
    }

    private static SparseRows keepFirst(int n, int keep) {
        int[] starts = new int[keep + 1];
        int[] src = new int[keep];
        float[] w = new float[keep];
        for (int i = 0; i < keep; i++) {
            starts[i + 1] = i + 1;
            src[i] = i;
            w[i] = 1f;
        }
        return new SparseRows(n, starts, src, w);
    }

    @Test
    void contextRowsDuplicatingTheTokensLeaveTheAttentionUnchanged() {
        // Every key and value appears twice, so each probability halves and the weighted sums stay the same.
        List<FloatMatrix> probs = new ArrayList<>();
        TokenCondenser duplicate = new TokenCondenser() {
            @Override
            public boolean wantsClsAttention(int layer) {
                return true;
            }

            @Override
            public FloatMatrix contextTokens(int layer, FloatMatrix x) {
                return x.copy();
            }

            @Override
            public SparseRows plan(int layer, FloatMatrix x, FloatMatrix clsAttention) {
                probs.add(clsAttention.copy());
                return null;
            }
        };
        float[] plain = clip.visual().encode(images.rowView(1), TokenCondenser.NONE, ForwardTrace.NONE).features();
        float[] doubled = clip.visual().encode(images.rowView(1), duplicate, ForwardTrace.NONE).features();
        for (int i = 0; i < plain.length; i++) {
            assertThat(doubled[i]).as("feature %d", i).isCloseTo(plain[i], offset(1e-5f));
        }
        assertThat(probs).hasSize(3);
        for (FloatMatrix p : probs) {
            assertThat(p.rows()).isEqualTo(2);
            assertThat(p.cols()).isEqualTo(34);
            for (int h = 0; h < 2; h++) {
                double sum = 0;
                for (int j = 0; j < 34; j++) {
                    sum += p.get(h, j);
                }
                assertThat(sum).isCloseTo(1.0, offset(1e-5));
                assertThat(p.get(h, 5)).isCloseTo(p.get(h, 17 + 5), offset(1e-6f));
            }
        }
    }

    @Test
    void rejectsWrongImageSizesAndOversizedPlans() {
        assertThatThrownBy(() -> clip.encodeImages(FloatMatrix.allocate(1, 100)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3×32×32");
        TokenCondenser grow = (layer, x, cls) -> new SparseRows(x.rows(), new int[40], new int[0], new float[0]);
        assertThatThrownBy(() -> clip.visual().encode(images.rowView(0), grow, ForwardTrace.NONE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("block 0");
    }

    @Test
    void otherPatchSizesWorkByConfigAlone() {
        // ViT-L/14's patch of 14 and a ViT-B/32-like coarse grid, at toy widths.
        for (int[] shape : new int[][] {{56, 14}, {64, 32}}) {
            ClipConfig c = TinyModels.config(shape[0], shape[1], Activation.QUICK_GELU);
            Clip model = TinyModels.clip(c, SEED);
            ImageEncoding e = model.visual().encode(TinyModels.images(1, shape[0], SEED).rowView(0),
                    TokenCondenser.NONE, ForwardTrace.NONE);
            int tokens = (shape[0] / shape[1]) * (shape[0] / shape[1]) + 1;
            assertThat(e.tokensPerBlock()).containsOnly(tokens);
            assertThat(e.features()).hasSize(16);
            for (float f : e.features()) {
                assertThat(Float.isFinite(f)).isTrue();
            }
        }
    }
}
