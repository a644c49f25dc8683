package org.tca4j.bench;

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
 * Runs the encoders on a chosen number of threads the way {@code tca4j bench encoder} does: a call with fewer inputs
 * than threads (batch 1) runs its kernels on all threads ({@link Parallel#withThreads}); a larger batch is split
 * into contiguous ranges ({@link Parallel#start}), one per thread, each with single-threaded kernels. The kernels
 * give the same bits on any number of threads, so every feature row is the same either way.
 */
final class EncoderThreads implements AutoCloseable {
    private final Clip clip;
    private final int threads;
    private final ExecutorService pool;

    EncoderThreads(Clip clip, int threads) {
        this.clip = clip;
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().factory());
    }

    /** Features {@code [B, E]} of preprocessed images {@code [B, 3·S·S]}. */
    FloatMatrix images(FloatMatrix pixels) {
        return split(pixels.rows(), (from, to) -> clip.encodeImages(pixels.rows(from, to)));
    }

    /** Features {@code [T, E]} of tokenized prompts. */
    FloatMatrix texts(int[][] tokens) {
        return split(tokens.length, (from, to) -> clip.encodeTexts(Arrays.copyOfRange(tokens, from, to)));
    }

    private interface Part {
        FloatMatrix encode(int from, int to);
    }

    private FloatMatrix split(int n, Part part) {
        if (pool == null || n < threads) {
            return Parallel.withThreads(threads, () -> part.encode(0, n));
        }
        List<Future<FloatMatrix>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int from = Parallel.start(n, threads, t), to = Parallel.start(n, threads, t + 1);
            parts.add(pool.submit(() -> Parallel.withThreads(1, () -> part.encode(from, to))));
        }
        FloatMatrix out = FloatMatrix.allocate(n, clip.config().embedDim());
        try {
            for (int t = 0; t < threads; t++) {
                out.rows(Parallel.start(n, threads, t), Parallel.start(n, threads, t + 1)).copyFrom(parts.get(t).get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("encoding failed: " + e.getCause(), e.getCause());
        }
        return out;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
