package org.tca4j.bench;

/**
 * The pause between two engines' turns in a duel.
 *
 * <p>Every engine here keeps its worker threads polling for a while after a call instead of parking them at once:
 * OpenBLAS's pthread build for 2²⁸ cycles (its default {@code THREAD_TIMEOUT}, about 0.1 s at 2.6 GHz), ONNX
 * Runtime's intra-op pool by default, tca4j's kernel pool for 0.2 ms. On a 2-core machine a peer's polling thread
 * takes the core the next engine's second thread needs: measured here, tca4j's 2-thread matmul right after OpenBLAS
 * ran at 144 GFLOP/s, and at 220 when OpenBLAS's threads were made to sleep at once. Each engine keeps its default
 * behaviour; the duels only wait for it to go quiet before the other engine's turn.
 */
final class Settle {
    /** Longer than any engine's polling period. */
    static final long PAUSE_MILLIS = 300;

    private Settle() {}

    /** Sleeps {@link #PAUSE_MILLIS}. */
    static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("duel interrupted", e);
        }
    }
}
