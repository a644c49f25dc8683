package org.tca4j.tca.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Measures the machine's float32 fused multiply-add throughput from Java: the ceiling every matmul is judged by.
 *
 * <p>Each thread runs {@value #CHAINS} independent FMA chains on {@link FloatVector}s of the preferred species,
 * {@code acc = acc·x + y}, with x and y kept in registers. Sixteen chains hide the FMA latency on current x86 cores
 * (4 cycles × 2 pipes needs 8 in flight for 256-bit vectors, 4 for 512-bit ones). The chains converge to 1, so no
 * value overflows or turns subnormal. One FMA is two floating-point operations per lane.
 */
public final class FmaPeak {
    /** The vector shape of the measurement: the platform's preferred one. */
    public static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    /** Independent accumulators per thread. */
    public static final int CHAINS = 16;

    /** Rounds per call of {@link #chains}: about 0.1 ms once compiled, so deadlines are checked often. */
    static final int ROUNDS_PER_CALL = 1 << 12;

    /** Length of one warm-up window. */
    static final long WARMUP_WINDOW_MILLIS = 100;

    /** The result of one measurement: FLOP/s summed over the threads, median and best of the trials. */
    public record Result(int threads, double medianGflops, double bestGflops, String species) {}

    private FmaPeak() {}

    /** Floating-point operations done by one round of {@link #chains}. */
    public static long flopsPerRound() {
        return 2L * CHAINS * SPECIES.length();
    }

    /**
     * Runs {@code rounds} rounds of {@value #CHAINS} independent FMAs on every lane, starting from {@code seed};
     * returns a checksum that depends on every chain, so no work can be dropped.
     */
    public static float chains(long rounds, float seed) {
        FloatVector x = FloatVector.broadcast(SPECIES, 0.999_999f);
        FloatVector y = FloatVector.broadcast(SPECIES, 1e-6f);
        FloatVector a0 = FloatVector.broadcast(SPECIES, seed), a1 = a0.add(0.01f), a2 = a0.add(0.02f);
        FloatVector a3 = a0.add(0.03f), a4 = a0.add(0.04f), a5 = a0.add(0.05f), a6 = a0.add(0.06f);
        FloatVector a7 = a0.add(0.07f), a8 = a0.add(0.08f), a9 = a0.add(0.09f), a10 = a0.add(0.10f);
        FloatVector a11 = a0.add(0.11f), a12 = a0.add(0.12f), a13 = a0.add(0.13f), a14 = a0.add(0.14f);
        FloatVector a15 = a0.add(0.15f);
        for (long r = 0; r < rounds; r++) {
            a0 = a0.fma(x, y); a1 = a1.fma(x, y); a2 = a2.fma(x, y); a3 = a3.fma(x, y);
            a4 = a4.fma(x, y); a5 = a5.fma(x, y); a6 = a6.fma(x, y); a7 = a7.fma(x, y);
            a8 = a8.fma(x, y); a9 = a9.fma(x, y); a10 = a10.fma(x, y); a11 = a11.fma(x, y);
            a12 = a12.fma(x, y); a13 = a13.fma(x, y); a14 = a14.fma(x, y); a15 = a15.fma(x, y);
        }
        FloatVector sum = a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7)
                .add(a8).add(a9).add(a10).add(a11).add(a12).add(a13).add(a14).add(a15);
        return sum.reduceLanes(VectorOperators.ADD);
    }

    /**
     * Measures with {@code threads} threads running at once: a warm-up so the loop is compiled, then
     * {@code trials} timed windows of {@code windowMillis} each.
     */
    public static Result measure(int threads, int trials, long windowMillis) throws InterruptedException {
        if (threads < 1 || trials < 1 || windowMillis < 1) {
            throw new IllegalArgumentException("threads, trials and window must be positive");
        }
        warmUp(threads);
        double[] gflops = new double[trials];
        for (int t = 0; t < trials; t++) {
            gflops[t] = window(threads, windowMillis);
        }
        Arrays.sort(gflops);
        return new Result(threads, median(gflops), gflops[trials - 1],
                SPECIES.vectorBitSize() + "-bit × " + CHAINS + " chains");
    }

    /**
     * Runs short windows until C2 has compiled {@link #chains} with the vector intrinsics, seen as two windows in a
     * row within 5 % of each other (before that the vector operations run as slow Java fallbacks), or 10 s passed.
     */
    private static void warmUp(int threads) throws InterruptedException {
        long giveUp = System.nanoTime() + 10_000_000_000L;
        double previous = window(threads, WARMUP_WINDOW_MILLIS);
        for (int stable = 0; stable < 2 && System.nanoTime() < giveUp; ) {
            double current = window(threads, WARMUP_WINDOW_MILLIS);
            stable = Math.abs(current - previous) <= 0.05 * current ? stable + 1 : 0;
            previous = current;
        }
    }

    /**
     * One window without warm-up (call {@link #measure} once first): every thread runs chains until the deadline;
     * returns the summed GFLOP/s. For benchmarks that interleave the peak with the kernels they judge.
     */
    public static double window(int threads, long millis) throws InterruptedException {
        CyclicBarrier start = new CyclicBarrier(threads);
        double[] perThread = new double[threads];
        float[] checksums = new float[threads];
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int id = i;
            workers.add(Thread.ofPlatform().name("fma-peak-" + i).start(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException("FMA peak worker could not start", e);
                }
                long begin = System.nanoTime(), deadline = begin + millis * 1_000_000L, rounds = 0;
                float checksum = 0f;
                long now;
                do {
                    checksum += chains(ROUNDS_PER_CALL, 0.5f + id);
                    rounds += ROUNDS_PER_CALL;
                    now = System.nanoTime();
                } while (now < deadline);
                perThread[id] = rounds * (double) flopsPerRound() / (now - begin);
                checksums[id] = checksum;
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        for (float c : checksums) {
            if (!Float.isFinite(c)) {
                throw new IllegalStateException("FMA chains diverged (checksum " + c + ")");
            }
        }
        return Arrays.stream(perThread).sum(); // FLOP per nanosecond = GFLOP/s
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
