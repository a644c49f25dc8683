package org.tca4j.tca.adapt;

import org.tca4j.tca.condense.TierSizes;
import org.tca4j.tca.config.Method;
import org.tca4j.tca.config.TcaConfig;

/**
 * The image tower's work as fvcore counts it for the TCA paper's GFLOPs: one per multiply-accumulate of
 * conv/linear/matmul, five per layer-norm element, nothing element-wise (research notes section 13.3).
 *
 * <p>{@code stem = G²·W·3P² + 5·(G²+1)·W + 5·W + W·E}; per block with Na rows through the attention and Nm
 * through the MLP: {@code Na·W·3W + 2·Na²·W + Na·W·W + 5·Na·W + 8·Nm·W² + 5·Nm·W}. The reference's ToMe blocks
 * call {@code ln_1} three times ({@code + 2·5·N·W} in every block) and fvcore counts the matching product
 * ({@code + ceil(N/2)·floor(N/2)·N} at a merge block).
 *
 * @param width W
 * @param embed E
 * @param layers L
 * @param grid G, patches per side
 * @param patch P
 */
public record AnalyticMacs(int width, int embed, int layers, int grid, int patch) {
    /** OpenAI CLIP ViT-B/16: W 768, E 512, 12 layers, 14×14 patches of 16. */
    public static final AnalyticMacs VIT_B16 = new AnalyticMacs(768, 512, 12, 14, 16);

    /** Patch embedding, {@code ln_pre}, {@code ln_post} and the projection. */
    public long stem() {
        long w = width;
        return (long) grid * grid * w * 3 * patch * patch + 5L * (grid * grid + 1) * w + 5 * w + w * embed;
    }

    /** One block with {@code na} rows through the attention and {@code nm} through the MLP. */
    public long block(int na, int nm) {
        long w = width;
        return na * w * 3 * w + 2L * na * na * w + na * w * w + 5 * na * w + 8 * nm * w * w + 5 * nm * w;
    }

    /** A whole pass from the rows through each block's attention and MLP (as {@code trace.json} lists them). */
    public long pass(int[] tokensAttn, int[] tokensMlp) {
        long macs = stem();
        for (int l = 0; l < layers; l++) {
            macs += block(tokensAttn[l], tokensMlp[l]);
        }
        return macs;
    }

    /**
     * The reference's count of a pass of {@code method} (no anchor, as fvcore profiles a fresh model; with
     * {@code anchor}, one more row through the attention of each TCA condensation block).
     */
    public long pass(Method method, boolean anchor) {
        int n = grid * grid + 1;
        long macs = stem();
        for (int l = 0; l < layers; l++) {
            int out = rowsOut(method, l, n);
            boolean extraRow = anchor && method instanceof Method.Tca(TcaConfig c) && c.condensesAt(l);
            macs += block(extraRow ? n + 1 : n, out);
            if (method instanceof Method.Tome t) {
                macs += 2L * 5 * n * width;
                if (t.layers().contains(l)) {
                    macs += (long) ((n + 1) / 2) * (n / 2) * n;
                }
            }
            n = out;
        }
        return macs;
    }

    /** Rows leaving block {@code layer} of {@code method} when {@code n} enter it. */
    public static int rowsOut(Method method, int layer, int n) {
        return switch (method) {
            case Method.Full f -> n;
            case Method.Tca(TcaConfig c) -> c.condensesAt(layer) ? TierSizes.of(n, c.rate()).rowsOut(c.centres()) : n;
            case Method.Evit e -> e.layers().contains(layer) ? (int) Math.ceil((1 - e.rate()) * (n - 1)) + 2 : n;
            case Method.Tome t -> t.layers().contains(layer) ? n - Math.min((int) Math.floor(n * t.rate()), (n - 1) / 2) : n;
        };
    }
}
