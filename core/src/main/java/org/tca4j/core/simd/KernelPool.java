package org.tca4j.core.simd;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The worker threads behind {@link Parallel#run}: each waits for a job by spinning for a short while and then
 * parking, so that the many short fan-outs of one encoder pass (several per layer, often under a millisecond of
 * work each) do not each pay a thread wake-up.
 *
 * <p>Why not an {@code ExecutorService}: its workers park as soon as the queue is empty, and waking a parked thread
 * took 70–120 µs per fan-out on the 2-vCPU development VM, a tenth of a 768 × 768 matmul on two threads. Here a
 * worker that finished a part keeps polling for {@link #SPIN_NANOS} (as OpenMP runtimes, OpenBLAS and ONNX Runtime
 * also do) and the caller polls for its helpers' parts the same way.
 *
 * <p>A job's parts are taken one at a time from a shared counter by the caller and by every worker it reached, so
 * a busy or slow worker never delays a job: the caller simply runs more parts itself. Which thread runs a part does
 * not change its result; each part owns fixed outputs.
 *
 * <p>A job reaches a worker through the worker's one-job mailbox. A job whose parts are all taken no longer holds
 * the mailbox: a parked worker can take longer to wake up (70–120 µs) than the caller takes to run a short job
 * alone, and while such a finished job still held the worker, the next job's offer failed and its caller ran every
 * part by itself. On the development VM that made each TCA condensation block 1.1–1.7 ms slower on two threads:
 * the worker parks during the block's single-threaded plan, and the matmul after it ran on one thread.
 */
final class KernelPool {
    /** How long an idle worker, and a caller waiting for its helpers, poll before they park. */
    static final long SPIN_NANOS = 200_000L;

    private final Worker[] workers;

    KernelPool(int size) {
        workers = new Worker[size];
        for (int i = 0; i < size; i++) {
            workers[i] = new Worker("tca4j-kernel-" + (i + 1));
        }
    }

    /**
     * Runs {@code part.accept(i)} for every i in {@code [0, parts)}, on the calling thread and on up to
     * {@code parts − 1} idle workers; returns when all parts are done and rethrows the first failure.
     */
    void run(int parts, IntConsumer part) {
        Job job = new Job(part, parts, Thread.currentThread());
        int helpers = 0;
        for (int i = 0; i < workers.length && helpers < parts - 1; i++) {
            if (workers[i].offer(job)) {
                helpers++;
            }
        }
        job.runParts();
        job.awaitAll();
        job.rethrow();
    }

    /** One call's parts: a counter hands them out, another counts the finished ones. */
    private static final class Job {
        private final IntConsumer part;
        private final int parts;
        private final Thread caller;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger finished = new AtomicInteger();
        private volatile Throwable failure;

        Job(IntConsumer part, int parts, Thread caller) {
            this.part = part;
            this.parts = parts;
            this.caller = caller;
        }

        /** Takes and runs parts until none is left. */
        void runParts() {
            for (int i = next.getAndIncrement(); i < parts; i = next.getAndIncrement()) {
                runPart(i);
                if (finished.incrementAndGet() == parts) {
                    LockSupport.unpark(caller);
                }
            }
        }

        /** True once every part has been taken (not necessarily finished): a worker has nothing left to do here. */
        boolean exhausted() {
            return next.get() >= parts;
        }

        private void runPart(int i) {
            try {
                part.accept(i);
            } catch (Throwable t) {
                if (failure == null) {
                    failure = t;
                }
            }
        }

        /** Polls, then parks, until every part has finished (interrupts are kept for the caller, not lost). */
        void awaitAll() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            boolean interrupted = false;
            while (finished.get() < parts) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                    interrupted |= Thread.interrupted();
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        void rethrow() {
            Throwable t = failure;
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException("kernel part failed", t);
            }
        }
    }

    /** A daemon thread that runs the parts of the jobs offered to it. */
    private static final class Worker implements Runnable {
        private final AtomicReference<Job> mailbox = new AtomicReference<>();
        private final Thread thread;

        Worker(String name) {
            thread = new Thread(this, name);
            thread.setDaemon(true);
            thread.start();
        }

        /**
         * Leaves {@code j} in this worker's mailbox, unless the mailbox holds a job that still has parts to hand
         * out (the worker will be busy with it); a job whose parts are all taken is replaced.
         */
        boolean offer(Job j) {
            while (true) {
                Job waiting = mailbox.get();
                if (waiting != null && !waiting.exhausted()) {
                    return false;
                }
                if (mailbox.compareAndSet(waiting, j)) {
                    LockSupport.unpark(thread);
                    return true;
                }
            }
        }

        @Override
        public void run() {
            Parallel.markPoolThread();
            while (true) {
                awaitJob().runParts();
            }
        }

        /** Polls the mailbox for {@link #SPIN_NANOS} after the last job, then parks until a job is offered. */
        private Job awaitJob() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (true) {
                Job j = mailbox.get() == null ? null : mailbox.getAndSet(null); // plain reads while it is empty
                if (j != null) {
                    return j;
                }
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
        }
    }
}
