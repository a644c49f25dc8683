package org.tca4j.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * One ViT-B/16 image pass (batch 1) on synthetic weights, plain or with a condenser of the paper's table in its
 * blocks: milliseconds per image. The condenser is made per pass, as the stream classifier makes it; TCA runs
 * without anchors (a new stream's first images), ToMe on the pass's own attention. {@link SpeedReport} turns these
 * times into the saving table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 4, time = 3)
@Fork(value = 1, jvmArgsAppend = {JvmArgs.VECTOR, JvmArgs.GC, "-Xmx3g"})
public class CondensedPassBench {
    @Param({"full", "tca-0.035", "tca-0.038", "tca-0.105", "evit-0.1", "evit-0.3", "tome-0.1"})
    public String method;

    @Param({"1", "2"})
    public int threads;

    private VisionTransformer tower;
    private Method parsed;
    private FloatMatrix[] images;
    private int next;

    @Setup
    public void setup() {
        tower = SyntheticVit.tower();
        parsed = SyntheticVit.method(method);
        images = SyntheticVit.images(tower, 4);
    }

    @Benchmark
    public float[] pass() {
        FloatMatrix image = images[next++ & 3];
        RecordingCondenser condenser = SyntheticVit.condenser(parsed, tower.config().heads());
        return Parallel.withThreads(threads, () -> tower.encode(image, condenser, ForwardTrace.NONE).features());
    }
}
