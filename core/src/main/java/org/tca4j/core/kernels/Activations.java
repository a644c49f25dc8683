package org.tca4j.core.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.tca4j.core.flops.FlopCounter;
import org.tca4j.core.simd.Parallel;
import org.tca4j.core.simd.Simd;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * The MLP activations of CLIP, applied in place, element by element.
 *
 * <p>GELU (exact, torch's default {@code approximate='none'}): {@code gelu(x) = x·Φ(x) = x/2·erfc(−x/√2)}.
 * <ul>
 *   <li>Scalar definition: in double with {@link Erf#erfc}, rounded once to float (so also accurate for very
 *       negative x, where torch's float {@code 1 + erf} cancels).</li>
 *   <li>Vector version: in double lanes (each float vector split into two double halves), with
 *       {@code erfc(z) = e^(−z²)·t·Q(t)}, {@code t = 1/(1 + z/2)}, z = |x|/√2 and Q a degree-10 polynomial fitted to
 *       {@code erfcx(z)/t} on z ∈ [0, 10] (relative error below 3.4e-9; beyond, the result is x or a signed zero in
 *       float anyway). Tests: within 1 ulp of the scalar definition.</li>
 * </ul>
 * QuickGELU: {@code x·σ(1.702x) = x / (1 + e^(−1.702x))} in float, {@code Math.exp} in the scalar definition and
 * {@link VectorMath#exp} in the vector version (tests: within 4.5 ulp, the sum of both versions' error bounds).
 *
 * <p>The vector versions split the elements among the kernel threads at whole vectors (same bits for any thread
 * count). Each reports its operations as element-wise FLOPs (5 for GELU, 4 for QuickGELU, exp and erf counted as one).
 */
public final class Activations {
    /** QuickGELU's slope, from OpenAI CLIP: {@code x·σ(1.702x)}. */
    public static final float QUICK_GELU_SLOPE = 1.702f;

    private static final double INV_SQRT2 = 0.7071067811865476;
    private static final VectorSpecies<Float> F = Simd.F;
    private static final VectorSpecies<Double> D =
            Simd.ENABLED ? VectorSpecies.of(double.class, VectorShape.forBitSize(F.vectorBitSize())) : null;
    /** Half of F (same lane count as D), so a float-to-double conversion keeps the lane count. */
    private static final VectorSpecies<Float> HALF =
            Simd.ENABLED ? VectorSpecies.of(float.class, VectorShape.forBitSize(F.vectorBitSize() / 2)) : null;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    /** Below this many elements per thread an activation does not fan out. */
    private static final long MIN_ELEMENTS_PER_PART = 1L << 14;
    /** {@code Q(t) = Σ Q[i]·tⁱ}: erfc(z)·e^(z²)/t with t = 1/(1 + z/2), least-squares fitted with relative weights. */
    private static final double[] Q = {
        0.2820880237190814, 0.28226393366997593, 0.24506396405242464, 0.18624793239280063,
        0.05254609835861373, 0.04090077921863544, -0.030635848997793178, -0.28050644921313395,
        0.3753645296253397, -0.18870887099360378, 0.03537591156200573,
    };

    private Activations() {}

    /** Exact GELU, {@code x·Φ(x) = x/2·(1 + erf(x/√2))}, as torch's default. */
    public static void gelu(FloatMatrix x) {
        FlopCounter.addElementwise(5 * x.size());
        if (Simd.ENABLED) {
            inParts(x, Activations::vectorGelu);
        } else {
            scalarGelu(x.segment(), x.size());
        }
    }

    /** QuickGELU, {@code x·σ(1.702x)}. */
    public static void quickGelu(FloatMatrix x) {
        FlopCounter.addElementwise(4 * x.size());
        if (Simd.ENABLED) {
            inParts(x, Activations::vectorQuickGelu);
        } else {
            scalarQuickGelu(x.segment(), x.size());
        }
    }

    /** An in-place element-wise kernel over the first {@code count} floats of a segment. */
    private interface ElementKernel {
        void apply(MemorySegment s, long count);
    }

    /**
     * Runs {@code kernel} over x split among the threads at whole vectors (only the last part has the scalar
     * tail), so every element takes the same path, and gets the same bits, for any thread count.
     */
    private static void inParts(FloatMatrix x, ElementKernel kernel) {
        long count = x.size();
        int lanes = F.length();
        int vectors = Math.toIntExact(count / lanes);
        int parts = Parallel.parts(count, MIN_ELEMENTS_PER_PART, Math.max(1, vectors));
        MemorySegment s = x.segment();
        Parallel.run(parts, part -> {
            long from = (long) Parallel.start(vectors, parts, part) * lanes;
            long to = part == parts - 1 ? count : (long) Parallel.start(vectors, parts, part + 1) * lanes;
            kernel.apply(s.asSlice(4 * from, 4 * (to - from)), to - from);
        });
    }

    static float gelu(float v) {
        return (float) (0.5 * v * Erf.erfc(-v * INV_SQRT2));
    }

    static void scalarGelu(MemorySegment s, long count) {
        for (long i = 0; i < count; i++) {
            s.setAtIndex(FloatMatrix.FLOAT, i, gelu(s.getAtIndex(FloatMatrix.FLOAT, i)));
        }
    }

    static void vectorGelu(MemorySegment s, long count) {
        long bound = count - count % F.length();
        long halfBytes = 4L * HALF.length();
        for (long i = 0; i < bound; i += F.length()) {
            geluHalf(s, 4 * i);
            geluHalf(s, 4 * i + halfBytes);
        }
        scalarGelu(s.asSlice(4 * bound), count - bound);
    }

    /**
     * GELU of the {@code L/2} floats at byte {@code offset} in double lanes, {@code x/2·erfc(−x/√2)}: erfc of
     * |x|/√2 from the fit, reflected for x ≥ 0. One method that takes and returns no vector, so C2 keeps every
     * intermediate in registers whether or not the call is inlined (a vector passed to or returned from a call that
     * is not inlined is boxed on the heap).
     */
    private static void geluHalf(MemorySegment s, long offset) {
        DoubleVector x = (DoubleVector) FloatVector.fromMemorySegment(HALF, s, offset, LE)
                .convertShape(VectorOperators.F2D, D, 0);
        DoubleVector z = x.abs().mul(INV_SQRT2);
        DoubleVector t = DoubleVector.broadcast(D, 1.0).div(z.mul(0.5).add(1.0));
        DoubleVector q = DoubleVector.broadcast(D, Q[Q.length - 1]);
        for (int i = Q.length - 2; i >= 0; i--) {
            q = q.fma(t, DoubleVector.broadcast(D, Q[i]));
        }
        DoubleVector erfcZ = VectorMath.exp(z.mul(z).neg()).mul(t).mul(q);
        // x < 0: Φ(x) = erfc(z)/2; x ≥ 0: Φ(x) = 1 − erfc(z)/2
        DoubleVector half = erfcZ.mul(0.5);
        DoubleVector phi = half.blend(half.neg().add(1.0), x.compare(VectorOperators.GE, 0.0));
        x.mul(phi).convertShape(VectorOperators.D2F, HALF, 0).intoMemorySegment(s, offset, LE);
    }

    static float quickGelu(float v) {
        return v / (1f + (float) Math.exp(-QUICK_GELU_SLOPE * v));
    }

    static void scalarQuickGelu(MemorySegment s, long count) {
        for (long i = 0; i < count; i++) {
            s.setAtIndex(FloatMatrix.FLOAT, i, quickGelu(s.getAtIndex(FloatMatrix.FLOAT, i)));
        }
    }

    static void vectorQuickGelu(MemorySegment s, long count) {
        long bound = count - count % F.length();
        for (long i = 0; i < bound; i += F.length()) {
            FloatVector x = FloatVector.fromMemorySegment(F, s, 4 * i, LE);
            FloatVector e = VectorMath.exp(x.mul(-QUICK_GELU_SLOPE));
            x.div(e.add(1f)).intoMemorySegment(s, 4 * i, LE);
        }
        scalarQuickGelu(s.asSlice(4 * bound), count - bound);
    }
}
