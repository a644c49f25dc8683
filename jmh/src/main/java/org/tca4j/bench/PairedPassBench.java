package org.tca4j.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.tca4j.core.simd.Parallel;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.condense.RecordingCondenser;
import org.tca4j.tca.config.Method;
import org.tca4j.vit.model.ForwardTrace;
import org.tca4j.vit.model.VisionTransformer;

/**
 * The full pass and one condensed pass back to back on the same image, in the same fork: the saving as the ratio
 * of their summed times, which a machine whose load drifts during a long run (other jobs on shared cores) cannot
 * bias the way separate benchmarks minutes apart can. Aux counters {@code fullNs} and {@code condensedNs} hold
 * the summed nanoseconds of each half over an iteration; {@link SpeedReport} reports {@code 1 − condensed/full}.
 *
 * <p>The warm-up is long on purpose: a condenser's plan code reaches its compiled steady state only after about a
 * hundred condensed passes (TCA 0.035, three plans a pass, development VM: 1.3 ms a pass over passes 7-16, 0.5 ms
 * over 47-56, 0.35 ms from about 130 on), the state of a process that classifies a stream. A 9 s warm-up (15-30
 * pairs) measured the plan still being compiled.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 8, time = 6)
@Measurement(iterations = 4, time = 4)
@Fork(value = 1, jvmArgsAppend = {JvmArgs.VECTOR, JvmArgs.GC, "-Xmx3g"})
public class PairedPassBench {
    @Param({"tca-0.035", "tca-0.038", "tca-0.105", "evit-0.1", "evit-0.3", "tome-0.1"})
    public String method;

    @Param({"1", "2"})
    public int threads;

    private VisionTransformer tower;
    private Method full;
    private Method condensed;
    private FloatMatrix[] images;
    private int next;

    /** Summed nanoseconds of the two halves over one iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Halves {
        public long fullNs;
        public long condensedNs;

        @Setup(Level.Iteration)
        public void clear() {
            fullNs = 0;
            condensedNs = 0;
        }
    }

    @Setup
    public void setup() {
        tower = SyntheticVit.tower();
        full = SyntheticVit.method("full");
        condensed = SyntheticVit.method(method);
        images = SyntheticVit.images(tower, 4);
    }

    @Benchmark
    public float pair(Halves halves) {
        FloatMatrix image = images[next++ & 3];
        long start = System.nanoTime();
        float a = pass(full, image);
        long middle = System.nanoTime();
        float b = pass(condensed, image);
        long end = System.nanoTime();
        halves.fullNs += middle - start;
        halves.condensedNs += end - middle;
        return a + b;
    }

    private float pass(Method m, FloatMatrix image) {
        RecordingCondenser condenser = SyntheticVit.condenser(m, tower.config().heads());
        return Parallel.withThreads(threads, () -> tower.encode(image, condenser, ForwardTrace.NONE).features()[0]);
    }
}
