package org.tca4j.core.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.tca4j.core.flops.FlopCounter;
import org.tca4j.core.simd.Parallel;
import org.tca4j.core.simd.Simd;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * The MLP activations of CLIP, applied in place, element by element.
 *
 * <p>GELU (exact, torch's default {@code approximate='none'}): {@code gelu(x) = x·Φ(x) = x/2·erfc(−x/√2)}, in float,
 * the same operations in the scalar definition and in every lane of the vector version (so the same bits):
 * <ul>
 *   <li>{@code erfc(z) = e^(−z²)·t·Q(t)}, {@code t = 1/(1 + z/2)}, z = |x|/√2, Q a degree-10 polynomial fitted to
 *       {@code erfcx(z)/t} on z ∈ [0, 10] (relative error below 3.4e-9, far under float's);</li>
 *   <li>{@code z² = x²/2} is taken exactly, {@code x² = hi + lo} with {@code lo = fma(x, x, −hi)}, and
 *       {@code e^(−z²) = e^(−hi/2)·(1 − lo/2)}: rounding z first would cost about z² ulps in the tail;</li>
 *   <li>{@code Φ(x) = erfc/2} for x < 0 and {@code 1 − erfc/2} for x ≥ 0 (no cancellation: erfc/2 ≤ 1/2); x is
 *       clamped to ±20 inside Φ (beyond, Φ is 0 or 1 in float), so ±∞ give −0 and ∞.</li>
 * </ul>
 * Error budget against the exact value: e^x 2 ulp ({@link VectorMath#exp(float)}), t 1, Horner with fma 3, the
 * three products 2: 8 ulp (tests: a Simpson quadrature of the normal density; measured at most 6). Torch's own float
 * GELU, {@code 1 + erf}, cancels for very negative x; this form does not. (Until 2026-12-02 the vector version ran in
 * double lanes, 1 ulp from a double definition; the float lanes make GELU 2.8× faster, 4 % of a ViT-B/16 pass.)
 * QuickGELU: {@code x·σ(1.702x) = x / (1 + e^(−1.702x))} in float, {@code Math.exp} in the scalar definition and
 * {@link VectorMath#exp} in the vector version (tests: within 4.5 ulp, the sum of both versions' error bounds).
 *
 * <p>The vector versions split the elements among the kernel threads at whole vectors (same bits for any thread
 * count). Each reports its operations as element-wise FLOPs (5 for GELU, 4 for QuickGELU, exp and erf counted as one).
 */
public final class Activations {
    /** QuickGELU's slope, from OpenAI CLIP: {@code x·σ(1.702x)}. */
    public static final float QUICK_GELU_SLOPE = 1.702f;

    private static final VectorSpecies<Float> F = Simd.F;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    /** Below this many elements per thread an activation does not fan out. */
    private static final long MIN_ELEMENTS_PER_PART = 1L << 14;
    /** {@code 1/(2√2)}: {@code z/2 = |x|/(2√2)}. */
    private static final float HALF_INV_SQRT2 = 0.35355339f;
    /** Beyond ±20, Φ is 0 or 1 in float; the clamp keeps x² finite. */
    private static final float PHI_CLAMP = 20f;
    /** {@code Q(t) = Σ Q[i]·tⁱ}: erfc(z)·e^(z²)/t with t = 1/(1 + z/2), least-squares fitted with relative weights. */
    private static final float[] Q = {
        0.2820880237190814f, 0.28226393366997593f, 0.24506396405242464f, 0.18624793239280063f,
        0.05254609835861373f, 0.04090077921863544f, -0.030635848997793178f, -0.28050644921313395f,
        0.3753645296253397f, -0.18870887099360378f, 0.03537591156200573f,
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

    /** The scalar definition: GELU in float, as described above. */
    static float gelu(float v) {
        float x = Math.min(Math.max(v, -PHI_CLAMP), PHI_CLAMP);
        float t = 1f / (Math.abs(x) * HALF_INV_SQRT2 + 1f);
        float q = Q[Q.length - 1];
        for (int i = Q.length - 2; i >= 0; i--) {
            q = Math.fma(q, t, Q[i]);
        }
        float hi = x * x;
        float lo = Math.fma(x, x, -hi);
        float e = VectorMath.exp(hi * -0.5f);
        e = e - e * (lo * 0.5f);
        float half = e * t * q * 0.5f;
        float phi = x >= 0f ? -half + 1f : half;
        return v * phi;
    }

    static void scalarGelu(MemorySegment s, long count) {
        for (long i = 0; i < count; i++) {
            s.setAtIndex(FloatMatrix.FLOAT, i, gelu(s.getAtIndex(FloatMatrix.FLOAT, i)));
        }
    }

    static void vectorGelu(MemorySegment s, long count) {
        long bound = count - count % F.length();
        for (long i = 0; i < bound; i += F.length()) {
            geluVector(s, 4 * i);
        }
        scalarGelu(s.asSlice(4 * bound), count - bound);
    }

    /**
     * GELU of the vector at byte {@code offset}, lane by lane the operations of {@link #gelu(float)}. One method
     * that takes and returns no vector, so C2 keeps every intermediate in registers whether or not the call is
     * inlined (a vector passed to or returned from a call that is not inlined is boxed on the heap).
     */
    private static void geluVector(MemorySegment s, long offset) {
        FloatVector v = FloatVector.fromMemorySegment(F, s, offset, LE);
        FloatVector vLow = v.blend(-PHI_CLAMP, v.compare(VectorOperators.LT, -PHI_CLAMP)); // as VectorMath.exp clamps
        FloatVector x = vLow.blend(PHI_CLAMP, vLow.compare(VectorOperators.GT, PHI_CLAMP));
        FloatVector t = FloatVector.broadcast(F, 1f).div(x.abs().mul(HALF_INV_SQRT2).add(1f));
        FloatVector q = FloatVector.broadcast(F, Q[Q.length - 1]);
        for (int i = Q.length - 2; i >= 0; i--) {
            q = q.fma(t, FloatVector.broadcast(F, Q[i]));
        }
        FloatVector hi = x.mul(x);
        FloatVector lo = x.fma(x, hi.neg());
        FloatVector e = VectorMath.exp(hi.mul(-0.5f));
        e = e.sub(e.mul(lo.mul(0.5f)));
        FloatVector half = e.mul(t).mul(q).mul(0.5f);
        FloatVector phi = half.blend(half.neg().add(1f), x.compare(VectorOperators.GE, 0f));
        v.mul(phi).intoMemorySegment(s, offset, LE);
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
