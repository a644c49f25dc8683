package org.tca4j.bench;

import org.tca4j.core.kernels.SparseRows;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.adapt.VisionPass;
import org.tca4j.tca.condense.RecordingCondenser;
import org.tca4j.vit.condense.TokenCondenser;
import org.tca4j.vit.model.ForwardTrace;
import org.tca4j.vit.model.VisionTransformer;

/**
 * A tower pass that clocks itself and its condenser: the whole pass, and inside it the condenser's own work
 * ({@code contextTokens}, {@code plan}, {@code afterBlock}: ranking, k-center, plan building, anchor choice,
 * {@code <cls>} recording; ToMe's head mean and matching), so a benchmark can tell the bookkeeping from the
 * transformer arithmetic. The weighted row gather that applies a plan belongs to the pass. Single-threaded use
 * (one stream).
 */
final class TimedPass implements VisionPass {
    private final VisionTransformer tower;
    long passNanos;
    long condenserNanos;

    TimedPass(VisionTransformer tower) {
        this.tower = tower;
    }

    void reset() {
        passNanos = 0;
        condenserNanos = 0;
    }

    @Override
    public float[] encode(FloatMatrix image, RecordingCondenser condenser) {
        long start = System.nanoTime();
        float[] features = tower.encode(image, new Clocked(condenser), ForwardTrace.NONE).features();
        passNanos += System.nanoTime() - start;
        return features;
    }

    /** Forwards every hook call to the condenser and adds its time to {@link #condenserNanos}. */
    private final class Clocked implements TokenCondenser {
        private final TokenCondenser inner;

        Clocked(TokenCondenser inner) {
            this.inner = inner;
        }

        @Override
        public boolean wantsClsAttention(int layer) {
            return inner.wantsClsAttention(layer);
        }

        @Override
        public boolean wantsAllAttention(int layer) {
            return inner.wantsAllAttention(layer);
        }

        @Override
        public FloatMatrix contextTokens(int layer, FloatMatrix x) {
            long start = System.nanoTime();
            FloatMatrix context = inner.contextTokens(layer, x);
            condenserNanos += System.nanoTime() - start;
            return context;
        }

        @Override
        public SparseRows plan(int layer, FloatMatrix x, FloatMatrix clsAttention) {
            long start = System.nanoTime();
            SparseRows plan = inner.plan(layer, x, clsAttention);
            condenserNanos += System.nanoTime() - start;
            return plan;
        }

        @Override
        public void afterBlock(int layer, FloatMatrix x) {
            long start = System.nanoTime();
            inner.afterBlock(layer, x);
            condenserNanos += System.nanoTime() - start;
        }
    }
}
