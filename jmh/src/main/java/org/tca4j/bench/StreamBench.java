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
import org.tca4j.tca.adapt.StreamClassifier;
import org.tca4j.tca.adapt.StreamResult;
import org.tca4j.vit.model.VisionTransformer;

/**
 * An image stream through {@link StreamClassifier} (ViT-B/16, synthetic weights, a seeded 10-class text
 * classifier): images per second, one image at a time as online adaptation requires, for the full pass and each
 * condensed method on 1 and 2 threads. The stream is not reset between iterations, so TCA runs with a filling,
 * then full reservoir (M entries per predicted class) and its correction.
 *
 * <p>Secondary results (JMH "aux counters", nanoseconds summed over an iteration): {@code passNs} the tower pass,
 * {@code condenserNs} the condenser's own work inside it (ranking, k-center, plans, anchor choice, ToMe's
 * head mean and matching), {@code outsideNs} the rest of {@code classify} (logits, entropy and, for TCA, the reservoir
 * update, anchor-cache refresh and logit correction). {@link SpeedReport} turns them into the bookkeeping share.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 4, time = 3)
@Fork(value = 1, jvmArgsAppend = {JvmArgs.VECTOR, JvmArgs.GC, "-Xmx3g"})
public class StreamBench {
    @Param({"full", "tca-0.035", "tca-0.038", "tca-0.105", "evit-0.1", "evit-0.3", "tome-0.1"})
    public String method;

    @Param({"1", "2"})
    public int threads;

    private TimedPass pass;
    private StreamClassifier stream;
    private FloatMatrix[] images;
    private int next;

    /** Where the time of one iteration went, in nanoseconds. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Split {
        public long passNs;
        public long condenserNs;
        public long outsideNs;

        @Setup(Level.Iteration)
        public void clear() {
            passNs = 0;
            condenserNs = 0;
            outsideNs = 0;
        }
    }

    @Setup
    public void setup() {
        VisionTransformer tower = SyntheticVit.tower();
        pass = new TimedPass(tower);
        stream = new StreamClassifier(pass, tower.config().heads(), tower.config().layers(),
                SyntheticVit.classWeights(tower), SyntheticVit.method(method));
        images = SyntheticVit.images(tower, 16);
    }

    @Benchmark
    public StreamResult classify(Split split) {
        FloatMatrix image = images[next++ & 15];
        pass.reset();
        long start = System.nanoTime();
        StreamResult result = Parallel.withThreads(threads, () -> stream.classify(image));
        long total = System.nanoTime() - start;
        split.passNs += pass.passNanos;
        split.condenserNs += pass.condenserNanos;
        split.outsideNs += total - pass.passNanos;
        return result;
    }
}
