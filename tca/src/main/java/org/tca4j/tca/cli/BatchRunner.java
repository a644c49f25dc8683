package org.tca4j.tca.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tca4j.core.simd.Parallel;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.vit.model.Clip;

/**
 * Encodes batches on exactly T threads. A batch of at least T inputs is split into T contiguous ranges
 * ({@link Parallel#start}), one per thread, each encoded with single-threaded kernels (no synchronisation inside a
 * pass); a smaller batch is encoded input after input with the kernels spread over the T threads
 * ({@link Parallel#withThreads}). The kernels give the same bits for any thread count, so every result row is the
 * same whichever way it was computed.
 */
final class BatchRunner implements AutoCloseable {
    private final Clip clip;
    private final int threads;
    private final ExecutorService pool;

    BatchRunner(Clip clip, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads + " < 1");
        }
        this.clip = clip;
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().factory());
    }

    /** Unnormalized features {@code [B, E]} of images {@code [B, 3·S·S]}. */
    FloatMatrix encodeImages(FloatMatrix images) throws InterruptedException {
        FloatMatrix out = FloatMatrix.allocate(images.rows(), clip.config().embedDim());
        split(images.rows(), (from, to) -> out.rows(from, to).copyFrom(clip.encodeImages(images.rows(from, to))));
        return out;
    }

    /** Unnormalized features {@code [T, E]} of tokenized texts. */
    FloatMatrix encodeTexts(int[][] tokens) throws InterruptedException {
        FloatMatrix out = FloatMatrix.allocate(tokens.length, clip.config().embedDim());
        split(tokens.length, (from, to) -> out.rows(from, to)
                .copyFrom(clip.encodeTexts(Arrays.copyOfRange(tokens, from, to))));
        return out;
    }

    private interface Range {
        void run(int from, int to);
    }

    private void split(int n, Range range) throws InterruptedException {
        if (pool == null || n < threads) {
            Parallel.withThreads(threads, () -> range.run(0, n));
            return;
        }
        List<Future<?>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int from = Parallel.start(n, threads, t), to = Parallel.start(n, threads, t + 1);
            parts.add(pool.submit(() -> Parallel.withThreads(1, () -> range.run(from, to))));
        }
        for (Future<?> part : parts) {
            try {
                part.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("encoding failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
