package org.tca4j.core.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void partsCoverTheRangeContiguously() {
        for (int n : new int[] {0, 1, 7, 24, 197}) {
            for (int parts = 1; parts <= 5; parts++) {
                assertThat(Parallel.start(n, parts, 0)).isZero();
                assertThat(Parallel.start(n, parts, parts)).isEqualTo(n);
                for (int i = 0; i < parts; i++) {
                    int size = Parallel.start(n, parts, i + 1) - Parallel.start(n, parts, i);
                    assertThat(size).as("n=%d parts=%d i=%d", n, parts, i).isBetween(n / parts, n / parts + 1);
                }
            }
        }
    }

    @Test
    void runsEveryPartOnceAndNestedCallsInline() {
        AtomicIntegerArray seen = new AtomicIntegerArray(4 * 3);
        Parallel.withThreads(4, () -> Parallel.run(4, outer ->
                Parallel.run(3, inner -> seen.incrementAndGet(outer * 3 + inner))));
        for (int i = 0; i < seen.length(); i++) {
            assertThat(seen.get(i)).as("part %d", i).isEqualTo(1);
        }
    }

    @Test
    void aFailingPartFailsTheCallAfterTheOthersFinish() {
        AtomicIntegerArray done = new AtomicIntegerArray(3);
        assertThatThrownBy(() -> Parallel.withThreads(3, () -> Parallel.run(3, i -> {
            if (i == 1) {
                throw new IllegalStateException("part 1 broke");
            }
            done.set(i, 1);
        }))).isInstanceOf(IllegalStateException.class).hasMessage("part 1 broke");
        assertThat(done.get(0) + done.get(2)).isEqualTo(2);
    }

    @Test
    void concurrentCallersEachGetEveryPartOnce() throws InterruptedException {
        int callers = 4, calls = 300, parts = 3;
        AtomicIntegerArray seen = new AtomicIntegerArray(callers * calls * parts);
        Thread[] threads = new Thread[callers];
        for (int c = 0; c < callers; c++) {
            int caller = c;
            threads[c] = new Thread(() -> Parallel.withThreads(parts, () -> {
                for (int call = 0; call < calls; call++) {
                    int base = (caller * calls + call) * parts;
                    Parallel.run(parts, i -> seen.incrementAndGet(base + i));
                }
            }));
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (int i = 0; i < seen.length(); i++) {
            assertThat(seen.get(i)).as("caller %d, call %d, part %d", i / (calls * parts), i / parts % calls,
                    i % parts).isEqualTo(1);
        }
    }

    @Test
    void backToBackCallsSeeTheirPartsWrites() {
        int n = 4096;
        int[] data = new int[n];
        for (int round = 1; round <= 200; round++) {
            int value = round;
            Parallel.withThreads(2, () -> Parallel.run(2, i -> {
                for (int j = Parallel.start(n, 2, i); j < Parallel.start(n, 2, i + 1); j++) {
                    data[j] = value;
                }
            }));
            for (int j = 0; j < n; j += 511) {
                assertThat(data[j]).as("round %d, element %d", round, j).isEqualTo(round);
            }
        }
    }

    /**
     * After a pause the worker parks; the call that wakes it may finish before it is up. The next call must still
     * reach it: here its two parts wait for each other, so one thread running both would time out.
     */
    @Test
    void aWorkerStillWakingFromTheLastCallTakesPartOfTheNext() throws InterruptedException {
        for (int round = 0; round < 5; round++) {
            Thread.sleep(5 * KernelPool.SPIN_NANOS / 1_000_000 + 5);
            Parallel.withThreads(2, () -> Parallel.run(2, i -> { }));
            CountDownLatch partOneRan = new CountDownLatch(1);
            boolean[] metPartOne = new boolean[1];
            Parallel.withThreads(2, () -> Parallel.run(2, i -> {
                if (i == 1) {
                    partOneRan.countDown();
                } else {
                    metPartOne[0] = awaitQuietly(partOneRan);
                }
            }));
            assertThat(metPartOne[0]).as("round %d: part 1 ran on another thread while part 0 waited", round)
                    .isTrue();
        }
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void threadCountsAreScopedAndChecked() {
        assertThat(Parallel.threads()).isEqualTo(Parallel.DEFAULT_THREADS);
        assertThat(Parallel.withThreads(3, Parallel::threads)).isEqualTo(3);
        assertThat(Parallel.parts(1000, 100, 2)).isEqualTo(Math.min(2, Parallel.threads()));
        assertThat(Parallel.withThreads(8, () -> Parallel.parts(250, 100, 50))).isEqualTo(2);
        assertThatThrownBy(() -> Parallel.withThreads(0, () -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThat(Parallel.defaultThreads("3")).isEqualTo(3);
        assertThatThrownBy(() -> Parallel.defaultThreads("zero")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tca4j.threads");
    }
}
