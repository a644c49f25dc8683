package org.tca4j.core.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one switch between the scalar kernels and their Vector API twins.
 *
 * <p>The system property {@code tca4j.vectorBits} selects it once per JVM: {@code 0} runs every kernel's scalar
 * definition, {@code 128}, {@code 256} or {@code 512} runs the vector version with that many bits per vector, and
 * when it is unset the platform's preferred species is used. A species wider than the hardware still computes
 * correctly (slowly), so every width can be tested on one machine.
 */
public final class Simd {
    /** The system property that selects the vector width in bits (0 = scalar). */
    public static final String PROPERTY = "tca4j.vectorBits";

    /** The species of every vector kernel; {@code null} when the scalar kernels run. */
    public static final VectorSpecies<Float> F = choose(System.getProperty(PROPERTY));

    /** True when the vector kernels run. */
    public static final boolean ENABLED = F != null;

    private Simd() {}

    static VectorSpecies<Float> choose(String bits) {
        if (bits == null || bits.isBlank()) {
            return FloatVector.SPECIES_PREFERRED;
        }
        return switch (bits.strip()) {
            case "0" -> null;
            case "64" -> FloatVector.SPECIES_64;
            case "128" -> FloatVector.SPECIES_128;
            case "256" -> FloatVector.SPECIES_256;
            case "512" -> FloatVector.SPECIES_512;
            default -> throw new IllegalArgumentException(
                    "-D" + PROPERTY + "=" + bits + ": expected 0 (scalar), 64, 128, 256 or 512");
        };
    }

    /** Number of float lanes per vector, or 1 for the scalar kernels. */
    public static int lanes() {
        return ENABLED ? F.length() : 1;
    }

    /** For logs and benchmark metadata, e.g. {@code "vector 512-bit (16 lanes), preferred 512-bit"}. */
    public static String describe() {
        String preferred = VectorShape.preferredShape().vectorBitSize() + "-bit";
        return ENABLED
                ? "vector " + F.vectorBitSize() + "-bit (" + F.length() + " lanes), preferred " + preferred
                : "scalar, preferred " + preferred;
    }
}
