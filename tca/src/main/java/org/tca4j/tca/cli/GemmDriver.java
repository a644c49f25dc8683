package org.tca4j.tca.cli;

import org.tca4j.core.kernels.Linear;
import org.tca4j.core.kernels.MatMul;
import org.tca4j.core.simd.Parallel;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * Runs {@link MatMul#matmul} on a chosen number of threads, for the benchmarks: the kernel's own static split over
 * the core's pool ({@link Parallel#withThreads}), which gives the same bits on any number of threads.
 */
public final class GemmDriver implements AutoCloseable {
    private final int threads;

    /** A driver on {@code threads} threads (1 runs on the caller's thread). */
    public GemmDriver(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    public int threads() {
        return threads;
    }

    /** {@code y = x·Wᵀ + b} on this driver's threads. */
    public void matmul(FloatMatrix x, Linear w, FloatMatrix y) {
        Parallel.withThreads(threads, () -> MatMul.matmul(x, w, y));
    }

    /** Nothing to release: the pool is the core's and lives as long as the JVM. */
    @Override
    public void close() {}
}
