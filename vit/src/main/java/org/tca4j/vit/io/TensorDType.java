package org.tca4j.vit.io;

import java.util.Locale;

/** How a tensor's elements are stored in a model file (always little-endian). */
public enum TensorDType {
    /** IEEE 754 binary32; used in place, without a copy. */
    F32(4),
    /** IEEE 754 binary16; upcast exactly to float32 when the file is opened. */
    F16(2),
    /** bfloat16 (the top half of a binary32); upcast exactly to float32 when the file is opened. */
    BF16(2);

    private final int byteSize;

    TensorDType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** The name used on the command line and by {@code inspect}: {@code f32}, {@code f16}, {@code bf16}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code f32}, {@code f16} or {@code bf16}. */
    public static TensorDType fromCliName(String name) {
        for (TensorDType t : values()) {
            if (t.cliName().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown dtype '" + name + "' (expected f32, f16 or bf16)");
    }

    /** The float a bfloat16 bit pattern stands for (exact). */
    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** The nearest bfloat16 to {@code v}, ties to even; NaN stays NaN (quiet), infinities stay infinite. */
    public static short floatToBf16(float v) {
        int bits = Float.floatToRawIntBits(v);
        if (Float.isNaN(v)) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }
}
