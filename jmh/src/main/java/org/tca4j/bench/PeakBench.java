package org.tca4j.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.tca4j.tca.cli.FmaPeak;

/**
 * The FP32 FMA peak, the ceiling the matmul ladder is judged by: {@link FmaPeak#chains} on 1 and 2 threads.
 * One operation is {@link #ROUNDS} rounds, i.e. {@code ROUNDS · FmaPeak.flopsPerRound()} floating-point operations;
 * JMH sums the throughput of the threads.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsPrepend = {JvmArgs.VECTOR, JvmArgs.GC})
@State(Scope.Thread)
public class PeakBench {
    /** FMA rounds per operation. */
    public static final int ROUNDS = 1 << 14;

    float seed = 0.5f;

    @Benchmark
    @Threads(1)
    public float fma1() {
        return FmaPeak.chains(ROUNDS, seed);
    }

    @Benchmark
    @Threads(2)
    public float fma2() {
        return FmaPeak.chains(ROUNDS, seed);
    }
}
