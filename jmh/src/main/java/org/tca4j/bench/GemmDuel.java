package org.tca4j.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import org.tca4j.core.kernels.Linear;
import org.tca4j.core.simd.Simd;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.cli.FmaPeak;
import org.tca4j.tca.cli.GemmCheck;
import org.tca4j.tca.cli.GemmDriver;
import org.tca4j.tca.cli.GemmShape;

/**
 * tca4j's matmul against OpenBLAS and the FMA peak, interleaved: for a shared, busy machine.
 *
 * <p>JMH runs each case in its own fork, one after the other, so when other processes come and go the ratio of two
 * forks measures the load as much as the kernels. Here each round times tca4j, then OpenBLAS, then the FMA peak,
 * each for a short window ({@link #WINDOW_MILLIS}), and the table reports the median over the rounds of each figure
 * and of the per-round ratios: neighbours in time share the load, so their ratios stay meaningful. Both products
 * are checked against the scalar definition first.
 *
 * <p>Usage: {@code java ... org.tca4j.bench.GemmDuel [ROUNDS]} (default {@value #DEFAULT_ROUNDS});
 * {@code -Dtca4j.report=FILE} also writes the table there ({@link ReportOutput}).
 */
public final class GemmDuel {
    static final int DEFAULT_ROUNDS = 15;
    static final long WINDOW_MILLIS = 60;
    static final int[] THREADS = {1, 2};

    /** Per-round samples of one shape at one thread count. */
    record Samples(double[] ours, double[] blas, double[] peak) {
        double median(double[] v) {
            double[] s = v.clone();
            Arrays.sort(s);
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        double medianRatio(double[] a, double[] b) {
            double[] r = new double[a.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = a[i] / b[i];
            }
            return median(r);
        }
    }

    private GemmDuel() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ROUNDS;
        OpenBlas blas = OpenBlas.load();
        for (int t : THREADS) {
            FmaPeak.measure(t, 1, WINDOW_MILLIS); // compiles the FMA chains
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "Machine: %s, %d cores; %s %s; %s; %s%nOpenBLAS: %s%n"
                        + "Interleaved: %d rounds of %d ms windows (tca4j, OpenBLAS, FMA peak), each after a "
                        + Settle.PAUSE_MILLIS + " ms pause; medians over rounds%n%n",
                ReportOutput.cpuModel(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                Runtime.version(), Simd.describe(), LocalDate.now(), blas.describe(), rounds, WINDOW_MILLIS));
        sb.append("| shape | M×K→N | threads | tca4j GFLOP/s | % of peak | OpenBLAS GFLOP/s | % of peak "
                + "| tca4j / OpenBLAS | FMA peak GFLOP/s |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (GemmShape shape : GemmShape.VIT_B16) {
            for (int t : THREADS) {
                Samples s = duel(shape, t, blas, rounds);
                sb.append(String.format(Locale.ROOT,
                        "| %s | %d×%d→%d | %d | %.1f | %.0f %% | %.1f | %.0f %% | %.2f | %.1f |%n",
                        shape.name(), shape.m(), shape.k(), shape.n(), t, s.median(s.ours()),
                        100 * s.medianRatio(s.ours(), s.peak()), s.median(s.blas()),
                        100 * s.medianRatio(s.blas(), s.peak()), s.medianRatio(s.ours(), s.blas()), s.median(s.peak())));
                System.err.printf(Locale.ROOT, "GemmDuel: %s on %d threads done%n", shape.label(), t);
            }
        }
        ReportOutput.publish(sb.toString());
    }

    /** Checks both products, warms both up, then samples tca4j, OpenBLAS and the peak in turn. */
    static Samples duel(GemmShape shape, int threads, OpenBlas blas, int rounds) throws InterruptedException {
        int m = shape.m(), k = shape.k(), n = shape.n();
        long seed = 1_000_003L * m + 1_009L * k + n;
        FloatMatrix x = GemmCheck.random(m, k, seed), w = GemmCheck.random(n, k, seed + 1);
        FloatMatrix reference = GemmCheck.scalarProduct(x, w);
        Linear linear = Linear.of(w, null);
        FloatMatrix y = FloatMatrix.allocate(m, n);
        blas.setThreads(threads);
        try (GemmDriver driver = new GemmDriver(threads); Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocate(4L * m * k, 64).copyFrom(x.segment());
            MemorySegment b = arena.allocate(4L * n * k, 64).copyFrom(w.segment());
            MemorySegment c = arena.allocate(4L * m * n, 64);
            Runnable ours = () -> driver.matmul(x, linear, y);
            Runnable theirs = () -> blas.sgemmAbt(m, n, k, a, b, c);
            ours.run();
            theirs.run();
            GemmCheck.verifyAll("tca4j matmul " + shape.label(), reference, y);
            GemmCheck.verifyAll("OpenBLAS sgemm " + shape.label(), reference, FloatMatrix.of(c, m, n));
            for (int i = 0; i < 3; i++) {
                rate(ours, shape, 4 * WINDOW_MILLIS);
                rate(theirs, shape, 4 * WINDOW_MILLIS);
            }
            Samples s = new Samples(new double[rounds], new double[rounds], new double[rounds]);
            for (int r = 0; r < rounds; r++) {
                s.ours()[r] = rate(ours, shape, WINDOW_MILLIS);
                Settle.pause();
                s.blas()[r] = rate(theirs, shape, WINDOW_MILLIS);
                Settle.pause();
                s.peak()[r] = FmaPeak.window(threads, WINDOW_MILLIS);
            }
            return s;
        }
    }

    /** Calls {@code product} for {@code millis}; returns GFLOP/s. */
    static double rate(Runnable product, GemmShape shape, long millis) {
        long begin = System.nanoTime(), deadline = begin + millis * 1_000_000L, now;
        int calls = 0;
        do {
            product.run();
            calls++;
            now = System.nanoTime();
        } while (now < deadline);
        return calls * shape.flops() / (now - begin);
    }
}
