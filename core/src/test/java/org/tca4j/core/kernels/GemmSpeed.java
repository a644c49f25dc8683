package org.tca4j.core.kernels;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.tca4j.core.simd.Parallel;
import org.tca4j.core.simd.Simd;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * A quick GFLOP/s check of {@link MatMul#matmul} at the ViT-B/16 and text shapes, without JMH (the JMH ladder is
 * in the {@code jmh} module). Not a test: run it by hand, e.g.
 * {@code java --add-modules jdk.incubator.vector -cp core/target/classes:core/target/test-classes
 * org.tca4j.core.kernels.GemmSpeed 1 2}. Prints the median of 15 timings of 5 calls after warm-up (and the best, per CPU-second): wall-clock GFLOP/s and GFLOP per
 * second of CPU time of the kernel threads (per core; the honest figure when other processes share the machine).
 */
public final class GemmSpeed {
    /** {M, K, N} of every shape. */
    private static final int[][] SHAPES = {
        {197, 768, 2304}, {197, 768, 768}, {197, 768, 3072}, {197, 3072, 768},
        {77, 512, 1536}, {77, 512, 2048}, {77, 2048, 512},
    };
    private static final double PEAK_PER_CORE = 116.7;

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private GemmSpeed() {}

    public static void main(String[] args) {
        int[] threadCounts = args.length == 0 ? new int[] {1, 2} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.println(Simd.describe());
        int count = Integer.getInteger("shapes", SHAPES.length);
        int[][] shapes = System.getProperty("shape") != null
                ? new int[][] {Arrays.stream(System.getProperty("shape").split(",")).mapToInt(Integer::parseInt).toArray()}
                : Arrays.copyOf(SHAPES, count);
        // Warm every shape and thread count first: a new shape takes new branches (the K-block reload, edge tiles)
        // that make the JIT recompile, which must not happen while a later shape is being timed.
        for (int[] s : shapes) {
            FloatMatrix x = random(s[0], s[1], 1), y = FloatMatrix.allocate(s[0], s[2]);
            Linear linear = Linear.of(random(s[2], s[1], 2), random(1, s[2], 3));
            for (int t : threadCounts) {
                Parallel.withThreads(t, () -> {
                    for (int i = 0; i < 30; i++) {
                        MatMul.matmul(x, linear, y);
                    }
                });
            }
        }
        for (int[] s : shapes) {
            FloatMatrix x = random(s[0], s[1], 1), w = random(s[2], s[1], 2), b = random(1, s[2], 3);
            FloatMatrix y = FloatMatrix.allocate(s[0], s[2]);
            Linear linear = Linear.of(w, b);
            for (int t : threadCounts) {
                double[] seconds = new double[15];
                double[] cpuSeconds = new double[15];
                Parallel.withThreads(t, () -> {
                    for (int i = 0; i < 30; i++) {
                        MatMul.matmul(x, linear, y);
                    }
                    for (int i = 0; i < seconds.length; i++) {
                        long cpu0 = kernelCpuNanos();
                        long t0 = System.nanoTime();
                        for (int j = 0; j < 5; j++) {
                            MatMul.matmul(x, linear, y);
                        }
                        seconds[i] = (System.nanoTime() - t0) * 1e-9 / 5;
                        cpuSeconds[i] = (kernelCpuNanos() - cpu0) * 1e-9 / 5;
                    }
                });
                Arrays.sort(seconds);
                Arrays.sort(cpuSeconds);
                double flop = 2.0 * s[0] * s[1] * s[2];
                double wall = flop / seconds[seconds.length / 2] / 1e9;
                double perCore = flop / cpuSeconds[cpuSeconds.length / 2] / 1e9;
                double bestPerCore = flop / cpuSeconds[0] / 1e9;
                System.out.printf("M=%d K=%d N=%d threads=%d: wall %.1f GFLOP/s (%.0f %% of %d × %.1f); "
                                + "per CPU-second %.1f GFLOP/s (%.0f %% of %.1f), best %.1f (%.0f %%)%n",
                        s[0], s[1], s[2], t, wall, 100 * wall / (t * PEAK_PER_CORE), t, PEAK_PER_CORE,
                        perCore, 100 * perCore / PEAK_PER_CORE, PEAK_PER_CORE, bestPerCore,
                        100 * bestPerCore / PEAK_PER_CORE);
            }
        }
    }

    /** CPU time of this thread and the kernel pool's threads, in nanoseconds. */
    private static long kernelCpuNanos() {
        long sum = THREADS.getCurrentThreadCpuTime();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("tca4j-kernel")) {
                sum += THREADS.getThreadCpuTime(t.threadId());
            }
        }
        return sum;
    }

    private static FloatMatrix random(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble(-1, 1);
        }
        return FloatMatrix.wrap(v, rows, cols);
    }
}
