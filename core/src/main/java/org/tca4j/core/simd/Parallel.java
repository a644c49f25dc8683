package org.tca4j.core.simd;

import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The kernels' thread pool: a fixed pool of daemon threads, and static partitions of work over it.
 *
 * <p>Every parallel kernel splits its work into parts with {@link #start(int, int, int)}, which depends only on the
 * problem size and the number of parts, never on timing. Each part owns whole outputs (whole columns or rows, whole
 * heads) and computes them exactly as one thread would, so a result has the same bits for any thread count.
 *
 * <p>The number of threads is {@code -Dtca4j.threads} (default: the machine's available processors). A call can
 * ask for another count, e.g. a benchmark or the determinism test: {@code Parallel.withThreads(1, () -> ...)}.
 * The calling thread runs parts itself and idle pool workers ({@link KernelPool}) take the others. A kernel called from inside a pool thread
 * runs its parts one after the other on that thread (no nested fan-out, no deadlock).
 */
public final class Parallel {
    /** The system property that sets the default number of threads. */
    public static final String PROPERTY = "tca4j.threads";

    /** The default number of threads of a kernel call. */
    public static final int DEFAULT_THREADS = defaultThreads(System.getProperty(PROPERTY));

    private static final ScopedValue<Integer> THREADS = ScopedValue.newInstance();
    private static final ThreadLocal<Boolean> IN_POOL = ThreadLocal.withInitial(() -> false);

    private Parallel() {}

    /** The pool is built on first use: enough workers for the default count or the machine, less the caller. */
    private static final class Pool {
        static final KernelPool WORKERS = new KernelPool(
                Math.max(1, Math.max(DEFAULT_THREADS, Runtime.getRuntime().availableProcessors()) - 1));
    }

    /** Marks the calling thread as a pool worker: kernels called on it run their parts inline. */
    static void markPoolThread() {
        IN_POOL.set(true);
    }

    static int defaultThreads(String property) {
        if (property == null || property.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int t = Integer.parseInt(property.strip());
            if (t >= 1) {
                return t;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + property + ": expected a thread count >= 1");
    }

    /** The number of threads a kernel called here may use. */
    public static int threads() {
        return THREADS.isBound() ? THREADS.get() : DEFAULT_THREADS;
    }

    /** Runs {@code body} with kernel calls made from it (on this thread) using {@code threads} threads. */
    public static void withThreads(int threads, Runnable body) {
        checkThreads(threads);
        ScopedValue.where(THREADS, threads).run(body);
    }

    /** Runs {@code body} with kernel calls made from it using {@code threads} threads; returns its result. */
    public static <T> T withThreads(int threads, Supplier<T> body) {
        checkThreads(threads);
        return ScopedValue.where(THREADS, threads).call(body::get);
    }

    private static void checkThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count " + threads + " < 1");
        }
    }

    /**
     * How many parts to cut a job of {@code work} units (e.g. multiply-accumulates) with at most {@code maxParts}
     * independent pieces into: the thread count, fewer when each part would get less than {@code minWorkPerPart}.
     */
    public static int parts(long work, long minWorkPerPart, int maxParts) {
        long byWork = Math.max(1, work / Math.max(1, minWorkPerPart));
        return (int) Math.max(1, Math.min(Math.min(threads(), maxParts), byWork));
    }

    /** Start of part {@code i} of {@code parts} over {@code [0, n)}; part i is {@code [start(i), start(i + 1))}. */
    public static int start(int n, int parts, int i) {
        return (int) ((long) n * i / parts);
    }

    /**
     * Runs {@code part.accept(i)} for every i in {@code [0, parts)} and returns when all are done, the calling
     * thread taking parts too. A part must not rely on the caller's thread-local or scoped state (it may run on a
     * worker). The first failure of any part is rethrown after all parts have finished.
     */
    public static void run(int parts, IntConsumer part) {
        if (parts <= 1 || IN_POOL.get()) {
            for (int i = 0; i < parts; i++) {
                part.accept(i);
            }
            return;
        }
        Pool.WORKERS.run(parts, part);
    }
}
