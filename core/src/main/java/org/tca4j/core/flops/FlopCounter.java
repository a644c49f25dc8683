package org.tca4j.core.flops;

import java.util.concurrent.Callable;

/**
 * Counts the work of one forward pass.
 *
 * <p>Kernels report to the counter bound to the current scope (a {@link ScopedValue}), so a pass measures itself
 * without threading a counter through every call: {@code FlopCounter.measure(counter, () -> model.encode(x))}.
 * Kernels report from the calling thread, before they fan out to the pool, so the counts do not depend on the
 * number of threads. Outside a measured scope the reports are dropped.
 *
 * <p>Two figures come out of it:
 * <ul>
 *   <li>{@link #fvcoreGflops()}: the convention of fvcore, which the TCA paper's GFLOPs use: one per
 *       multiply-accumulate of a matmul-type op, five per layer-norm element, element-wise work not counted;</li>
 *   <li>{@link #flops()}: true floating-point operations, two per multiply-accumulate plus the element-wise
 *       operations the kernels report.</li>
 * </ul>
 * A counter belongs to one pass and is not shared between threads.
 */
public final class FlopCounter {
    private static final ScopedValue<FlopCounter> CURRENT = ScopedValue.newInstance();

    /** fvcore counts a layer norm as five operations per element. */
    public static final int LAYER_NORM_FVCORE_PER_ELEMENT = 5;

    private long macs;
    private long layerNormElements;
    private long elementwiseFlops;

    /** Runs {@code pass} with this counter receiving the kernels' reports; returns its result. */
    public static <T> T measure(FlopCounter counter, Callable<T> pass) throws Exception {
        return ScopedValue.where(CURRENT, counter).call(pass::call);
    }

    /** Runs {@code pass} with this counter receiving the kernels' reports. */
    public static void measure(FlopCounter counter, Runnable pass) {
        ScopedValue.where(CURRENT, counter).run(pass);
    }

    /** Reports {@code n} multiply-accumulates (matmuls, and attention's scores and weighted sums of values). */
    public static void addMacs(long n) {
        if (CURRENT.isBound()) {
            CURRENT.get().macs += n;
        }
    }

    /** Reports a layer norm over {@code n} elements. */
    public static void addLayerNorm(long n) {
        if (CURRENT.isBound()) {
            CURRENT.get().layerNormElements += n;
        }
    }

    /**
     * Reports {@code n} element-wise floating-point operations, counted in {@link #flops()} only: residual and bias
     * adds, scaling, activations, the attention softmax, weighted row gathers (fvcore counts none of them).
     */
    public static void addElementwise(long n) {
        if (CURRENT.isBound()) {
            CURRENT.get().elementwiseFlops += n;
        }
    }

    public long macs() {
        return macs;
    }

    public long layerNormElements() {
        return layerNormElements;
    }

    /** The fvcore-convention figure in units of 10⁹: MACs plus five per layer-norm element. */
    public double fvcoreGflops() {
        return (macs + (double) LAYER_NORM_FVCORE_PER_ELEMENT * layerNormElements) / 1e9;
    }

    /** True floating-point operations: two per MAC, five per layer-norm element, plus reported element-wise work. */
    public long flops() {
        return 2 * macs + LAYER_NORM_FVCORE_PER_ELEMENT * layerNormElements + elementwiseFlops;
    }

    /** Adds another counter's totals (e.g. a text pass to an image pass). */
    public void add(FlopCounter other) {
        macs += other.macs;
        layerNormElements += other.layerNormElements;
        elementwiseFlops += other.elementwiseFlops;
    }

    public void reset() {
        macs = 0;
        layerNormElements = 0;
        elementwiseFlops = 0;
    }

    @Override
    public String toString() {
        return String.format("%.2f GFLOPs (fvcore), %d MACs, %d FLOPs", fvcoreGflops(), macs, flops());
    }
}
