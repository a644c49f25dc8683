package org.tca4j.core.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Vector helpers whose results do not depend on the JIT: only IEEE operations that are exact in every execution
 * tier (add, multiply, fma, min, max, bit moves). The Vector API's own {@code reduceLanes(ADD)} may add the lanes
 * in another order once compiled, and its {@code EXP} is an intrinsic once compiled but {@code Math.exp} before;
 * either would make a result's bits depend on how warm the code is (and so on which thread ran it).
 *
 * <p>{@link #exp(FloatVector)}: {@code e^x = 2ⁿ·e^r} with {@code n = round(x/ln 2)}, {@code r = x − n·ln 2} (ln 2
 * in two parts, the low part from ln 2 to 40 digits, not from the rounded {@code Math.log(2)}; |r| ≤ ln 2 / 2) and e^r by its Taylor polynomial to degree 7 (truncation below 2e-8 relative);
 * {@code 2ⁿ} is applied as two exact powers of two so that results near overflow and in the subnormal range come
 * out right. Within 2 ulp of the correctly rounded e^x (tested). The double version is the same with degree 13.
 */
final class VectorMath {
    private static final float LN2_HI_F = 0.693359375f;                       // 9 significant bits: n·hi is exact
    private static final float LN2_LO_F = -2.1219444005469057e-4f;            // ln 2 − LN2_HI_F, from 40 digits
    private static final float ROUND_F = 12582912f;                             // 1.5·2²³: adding it rounds to an integer
    private static final float[] TAYLOR_F = taylorFloat(7);

    private VectorMath() {}

    /**
     * The lanes of a vector, stored into {@code lanes} by the caller, added one after the other from lane 0: the
     * same order as a scalar loop, and the same bits before and after the JIT compiles the caller (the built-in
     * lane reduction may change its order when compiled; reading lanes one by one boxes them).
     */
    static float sumInOrder(float[] lanes) {
        float s = 0f;
        for (float lane : lanes) {
            s += lane;
        }
        return s;
    }

    /**
     * The lanes of a vector, stored into {@code lanes} by the caller (a power of two of them), added as a balanced
     * tree: lane i + lane i + L/2, then the same on the first half, down to one. Four dependent additions for 16
     * lanes instead of sixteen, in a fixed order: the same bits before and after the JIT compiles the caller. The
     * array is overwritten.
     */
    static float sumPairwise(float[] lanes) {
        for (int half = lanes.length / 2; half > 0; half /= 2) {
            for (int i = 0; i < half; i++) {
                lanes[i] += lanes[i + half];
            }
        }
        return lanes[0];
    }

    /**
     * e^x per lane, in float. The clamp to [−104, 89] is a compare and a blend per bound, the same values as
     * {@code Math.min(Math.max(x, −104), 89)} for every x (NaN stays NaN); the lanewise MAX and MIN would follow
     * Java's rules for NaN and signed zeros, about five instructions each in C2's code. Written out here rather
     * than in a helper: a helper taking and returning vectors adds a level of inlining, and two runs in eight left
     * it out of line in the GELU loop, boxing its vectors (4x slower).
     */
    static FloatVector exp(FloatVector x) {
        FloatVector xLow = x.blend(-104f, x.compare(VectorOperators.LT, -104f));
        FloatVector xc = xLow.blend(89f, xLow.compare(VectorOperators.GT, 89f));
        FloatVector t = xc.mul(1.4426950408889634f).add(ROUND_F);
        FloatVector n = t.sub(ROUND_F);
        FloatVector r = n.mul(-LN2_HI_F).add(xc); // exact product
        r = n.fma(FloatVector.broadcast(x.species(), -LN2_LO_F), r);
        FloatVector p = FloatVector.broadcast(x.species(), TAYLOR_F[TAYLOR_F.length - 1]);
        for (int i = TAYLOR_F.length - 2; i >= 0; i--) {
            p = p.fma(r, FloatVector.broadcast(x.species(), TAYLOR_F[i]));
        }
        IntVector exponent = ((IntVector) t.reinterpretAsInts()).sub(Float.floatToRawIntBits(ROUND_F));
        IntVector half = exponent.lanewise(VectorOperators.ASHR, 1);
        FloatVector scale1 = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector scale2 = exponent.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(scale1).mul(scale2);
    }

    /**
     * The scalar twin of {@link #exp(FloatVector)}: the same operations in the same order (separate multiply and add
     * where the vector version has them, {@code Math.fma} where it has fma), so the same bits as any lane.
     */
    static float exp(float x) {
        float xc = Math.min(Math.max(x, -104f), 89f);
        float t = xc * 1.4426950408889634f + ROUND_F;
        float n = t - ROUND_F;
        float r = n * -LN2_HI_F + xc; // exact product
        r = Math.fma(n, -LN2_LO_F, r);
        float p = TAYLOR_F[TAYLOR_F.length - 1];
        for (int i = TAYLOR_F.length - 2; i >= 0; i--) {
            p = Math.fma(p, r, TAYLOR_F[i]);
        }
        int exponent = Float.floatToRawIntBits(t) - Float.floatToRawIntBits(ROUND_F);
        int half = exponent >> 1;
        float scale1 = Float.intBitsToFloat((half + 127) << 23);
        float scale2 = Float.intBitsToFloat((exponent - half + 127) << 23);
        return p * scale1 * scale2;
    }

    /** 1/i! for i = 0..degree. */
    private static double[] taylor(int degree) {
        double[] c = new double[degree + 1];
        c[0] = 1;
        for (int i = 1; i <= degree; i++) {
            c[i] = c[i - 1] / i;
        }
        return c;
    }

    private static float[] taylorFloat(int degree) {
        double[] c = taylor(degree);
        float[] f = new float[c.length];
        for (int i = 0; i < c.length; i++) {
            f[i] = (float) c[i];
        }
        return f;
    }
}
