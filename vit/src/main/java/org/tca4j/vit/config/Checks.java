package org.tca4j.vit.config;

/** Validation shared by the config records. */
final class Checks {
    private Checks() {}

    static void positive(String what, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + v);
        }
    }

    static void divides(String tower, int heads, int width) {
        if (width % heads != 0) {
            throw new IllegalArgumentException(tower + " width " + width + " is not divisible by " + heads + " heads");
        }
    }

    static void eps(float eps) {
        if (!(eps > 0) || !Float.isFinite(eps)) {
            throw new IllegalArgumentException("layer norm eps must be positive, got " + eps);
        }
    }
}
