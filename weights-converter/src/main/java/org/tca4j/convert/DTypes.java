package org.tca4j.convert;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tca4j.convert.formats.SourceDType;
import org.tca4j.vit.io.TensorDType;

/**
 * Converts little-endian tensor bytes between floating types. Widening (f16/bf16 → f32) is exact; narrowing rounds to
 * nearest, ties to even ({@link Float#floatToFloat16}; {@link TensorDType#floatToBf16}); f64 goes through f32.
 */
final class DTypes {
    private DTypes() {}

    /** The stored dtype for a source dtype when no {@code --dtype} is given: the same, or f32 for f64. */
    static TensorDType keep(SourceDType source) {
        return switch (source) {
            case F16 -> TensorDType.F16;
            case BF16 -> TensorDType.BF16;
            default -> TensorDType.F32;
        };
    }

    static byte[] convert(byte[] src, SourceDType from, TensorDType to) {
        if ((from == SourceDType.F32 && to == TensorDType.F32) || (from == SourceDType.F16 && to == TensorDType.F16)
                || (from == SourceDType.BF16 && to == TensorDType.BF16)) {
            return src;
        }
        ByteBuffer in = ByteBuffer.wrap(src).order(ByteOrder.LITTLE_ENDIAN);
        int n = src.length / from.byteSize();
        ByteBuffer out = ByteBuffer.allocate(n * to.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            float v = switch (from) {
                case F32 -> in.getFloat();
                case F16 -> Float.float16ToFloat(in.getShort());
                case BF16 -> TensorDType.bf16ToFloat(in.getShort());
                case F64 -> (float) in.getDouble();
                default -> throw new IllegalArgumentException(from + " is not a floating type");
            };
            switch (to) {
                case F32 -> out.putFloat(v);
                case F16 -> out.putShort(Float.floatToFloat16(v));
                case BF16 -> out.putShort(TensorDType.floatToBf16(v));
            }
        }
        return out.array();
    }
}
