package org.tca4j.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tca4j.core.kernels.Linear;
import org.tca4j.core.simd.Simd;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.cli.GemmCheck;
import org.tca4j.tca.cli.GemmDriver;
import org.tca4j.tca.cli.GemmShape;

/**
 * The matmul ladder at the ViT-B/16 shapes, {@code y = x·Wᵀ} without bias: scalar, SIMD at 256 bits, SIMD at the
 * preferred width on 1 and 2 threads, and OpenBLAS's {@code cblas_sgemm} on 1 and 2 threads as the peer.
 *
 * <p>Scores are products per second; one product is {@code 2·M·K·N} floating-point operations ({@link GemmReport}
 * turns them into GFLOP/s). The vector width is a JVM-wide switch, so each rung runs in its own fork with its own
 * {@code -Dtca4j.vectorBits}. Every setup first checks the product against the scalar definition and throws on a
 * mismatch, so no speed of a wrong answer is ever reported.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsPrepend = {JvmArgs.VECTOR, JvmArgs.NATIVE, JvmArgs.GC})
public class MatMulBench {

    /** The inputs of one shape and their product by the scalar definition. */
    @State(Scope.Benchmark)
    public static class Problem {
        @Param({"197x768->2304", "197x768->768", "197x768->3072", "197x3072->768",
                "77x512->1536", "77x512->2048", "77x2048->512"})
        public String shape;

        GemmShape dims;
        FloatMatrix x;         // [M, K]
        FloatMatrix w;         // [N, K]
        FloatMatrix reference; // [M, N], scalar definition

        @Setup(Level.Trial)
        public void setUp() {
            dims = GemmShape.parse(shape);
            long seed = 1_000_003L * dims.m() + 1_009L * dims.k() + dims.n();
            x = GemmCheck.random(dims.m(), dims.k(), seed);
            w = GemmCheck.random(dims.n(), dims.k(), seed + 1);
            reference = GemmCheck.scalarProduct(x, w);
        }
    }

    /** tca4j's matmul on one thread. */
    @State(Scope.Benchmark)
    public static class OneThread {
        GemmDriver driver;
        Linear linear;
        FloatMatrix y;

        @Setup(Level.Trial)
        public void setUp(Problem p) {
            driver = new GemmDriver(1);
            linear = Linear.of(p.w, null);
            y = FloatMatrix.allocate(p.dims.m(), p.dims.n());
            driver.matmul(p.x, linear, y);
            GemmCheck.verifyAll("tca4j matmul " + p.shape + ", " + Simd.describe(), p.reference, y);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            driver.close();
        }
    }

    /** tca4j's matmul on {@code threads} threads. */
    @State(Scope.Benchmark)
    public static class Threaded {
        @Param({"1", "2"})
        public int threads;

        GemmDriver driver;
        Linear linear;
        FloatMatrix y;

        @Setup(Level.Trial)
        public void setUp(Problem p) {
            driver = new GemmDriver(threads);
            linear = Linear.of(p.w, null);
            y = FloatMatrix.allocate(p.dims.m(), p.dims.n());
            driver.matmul(p.x, linear, y);
            GemmCheck.verifyAll("tca4j matmul " + p.shape + " on " + threads + " threads, " + Simd.describe(),
                    p.reference, y);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            driver.close();
        }
    }

    /** OpenBLAS's sgemm on {@code threads} threads, over native copies of the same inputs. */
    @State(Scope.Benchmark)
    public static class Blas {
        @Param({"1", "2"})
        public int threads;

        OpenBlas blas;
        Arena arena;
        MemorySegment a, b, c;
        int m, n, k;

        @Setup(Level.Trial)
        public void setUp(Problem p) {
            blas = OpenBlas.load();
            blas.setThreads(threads);
            if (blas.threads() != threads) {
                throw new IllegalStateException("OpenBLAS runs " + blas.threads() + " threads, not " + threads);
            }
            m = p.dims.m();
            n = p.dims.n();
            k = p.dims.k();
            arena = Arena.ofShared();
            a = arena.allocate(4L * m * k, 64).copyFrom(p.x.segment());
            b = arena.allocate(4L * n * k, 64).copyFrom(p.w.segment());
            c = arena.allocate(4L * m * n, 64);
            blas.sgemmAbt(m, n, k, a, b, c);
            GemmCheck.verifyAll("OpenBLAS sgemm " + p.shape + " (" + blas.corename() + ")", p.reference,
                    FloatMatrix.of(c, m, n));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            arena.close();
        }
    }

    /** Rung 1: the scalar definition. */
    @Benchmark
    @Fork(value = 1, jvmArgsPrepend = {JvmArgs.VECTOR, JvmArgs.NATIVE, JvmArgs.GC, JvmArgs.SCALAR})
    public void scalar(Problem p, OneThread s) {
        s.driver.matmul(p.x, s.linear, s.y);
    }

    /** Rung 2: the vector kernel at 256 bits (AVX2 width). */
    @Benchmark
    @Fork(value = 1, jvmArgsPrepend = {JvmArgs.VECTOR, JvmArgs.NATIVE, JvmArgs.GC, JvmArgs.BITS_256})
    public void simd256(Problem p, OneThread s) {
        s.driver.matmul(p.x, s.linear, s.y);
    }

    /** Rungs 3 and 4: the vector kernel at the preferred width, on 1 and 2 threads. */
    @Benchmark
    public void simd(Problem p, Threaded s) {
        s.driver.matmul(p.x, s.linear, s.y);
    }

    /** The peer: OpenBLAS's sgemm on 1 and 2 threads. */
    @Benchmark
    public void openblas(Blas s) {
        s.blas.sgemmAbt(s.m, s.n, s.k, s.a, s.b, s.c);
    }
}
