package org.tca4j.bench;

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
import org.openjdk.jmh.annotations.Warmup;
import org.tca4j.core.kernels.Linear;
import org.tca4j.core.kernels.MatMul;
import org.tca4j.core.simd.Parallel;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.cli.GemmCheck;

/**
 * Why a condensed pass saves less time than GFLOPs: the MLP's first matmul (768 → 3072, 9.4 MB of weights) at the
 * row counts a TCA pass runs (197 tokens, then 140, 101 and 74 at r = 0.105), twelve times per call, either on one
 * weight matrix (warm: it stays in the last-level cache between products) or on twelve different ones (cold:
 * 113 MB, streamed from DRAM each time, as a pass streams its twelve blocks' weights). The weights' trip from
 * DRAM costs about the same per product whatever the rows, so the fewer rows, the larger its share: the cold/warm
 * ratio at each M is the part of a block's time that does not shrink with the tokens.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JvmArgs.VECTOR, JvmArgs.GC, "-Xmx2g"})
public class ColdWeightsBench {
    private static final int K = 768;
    private static final int N = 3072;
    private static final int LAYERS = 12;

    @Param({"197", "140", "101", "74"})
    public int rows;

    @Param({"1", "2"})
    public int threads;

    private Linear[] layers;
    private FloatMatrix x;
    private FloatMatrix y;

    @Setup(Level.Trial)
    public void setUp() {
        layers = new Linear[LAYERS];
        for (int i = 0; i < LAYERS; i++) {
            layers[i] = Linear.of(GemmCheck.random(N, K, 31L + i), null);
        }
        x = GemmCheck.random(rows, K, 7);
        y = FloatMatrix.allocate(rows, N);
    }

    /** Twelve products on the same weights: they come from the cache after the first. */
    @Benchmark
    public FloatMatrix warm() {
        return Parallel.withThreads(threads, () -> {
            for (int i = 0; i < LAYERS; i++) {
                MatMul.matmul(x, layers[0], y);
            }
            return y;
        });
    }

    /** Twelve products on twelve weight matrices, each from DRAM, as a pass's blocks. */
    @Benchmark
    public FloatMatrix cold() {
        return Parallel.withThreads(threads, () -> {
            for (Linear layer : layers) {
                MatMul.matmul(x, layer, y);
            }
            return y;
        });
    }
}
