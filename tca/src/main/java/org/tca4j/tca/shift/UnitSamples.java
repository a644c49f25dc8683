package org.tca4j.tca.shift;

import org.tca4j.tca.data.ByteImage;

/**
 * The conversions every corruption shares: 8-bit samples to [0,1] ({@code x / 255}, as {@code np.array(x) / 255.}),
 * and back: clip to [0,1], scale by 255, round half to even ({@code np.round}).
 *
 * <p>Deviations from the reference: Hendrycks &amp; Dietterich store with {@code np.uint8(...)}, which truncates; the
 * reference figures of issue 6 round ("clipped and rounded back to 8 bits"), so we round.
 */
final class UnitSamples {
    private UnitSamples() {}

    /** The samples of {@code image} in [0,1]. */
    static double[] toUnit(ByteImage image) {
        double[] x = new double[image.samples()];
        for (int i = 0; i < x.length; i++) {
            x[i] = image.sample(i) / 255.0;
        }
        return x;
    }

    /** {@code round(clip(x, 0, 1)·255)} as bytes, in an image shaped like {@code like}. */
    static ByteImage fromUnit(double[] x, ByteImage like) {
        byte[] out = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = toByte(x[i]);
        }
        return like.withSamples(out);
    }

    /** {@code round(clip(v, 0, 1)·255)}; NaN maps to 0. */
    static byte toByte(double v) {
        double clipped = v > 1 ? 1 : (v >= 0 ? v : 0);
        return (byte) (int) Math.rint(clipped * 255.0);
    }
}
