package org.tca4j.tca.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tca4j.core.kernels.Linear;
import org.tca4j.core.kernels.MatMul;
import org.tca4j.core.simd.Parallel;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * Runs {@link MatMul#matmul} on a chosen number of threads, for the benchmarks.
 *
 * <p>The rows of x and y are split into {@code threads} contiguous ranges ({@link Parallel#start}), one per thread
 * of a fixed pool; each range is an ordinary single-threaded call on row views, so every output row is computed
 * exactly as on one thread.
 */
public final class GemmDriver implements AutoCloseable {
    private final int threads;
    private final ExecutorService pool;

    /** A driver on {@code threads} threads (1 runs on the caller's thread). */
    public GemmDriver(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().factory());
    }

    public int threads() {
        return threads;
    }

    /** {@code y = x·Wᵀ + b} on this driver's threads. */
    public void matmul(FloatMatrix x, Linear w, FloatMatrix y) {
        if (pool == null) {
            MatMul.matmul(x, w, y);
            return;
        }
        int m = x.rows();
        List<Future<?>> parts = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            int from = Parallel.start(m, threads, t), to = Parallel.start(m, threads, t + 1);
            if (from < to) {
                parts.add(pool.submit(() -> MatMul.matmul(x.rows(from, to), w, y.rows(from, to))));
            }
        }
        for (Future<?> part : parts) {
            try {
                part.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while multiplying", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("matmul failed: " + e.getCause(), e.getCause());
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
