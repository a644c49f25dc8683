package org.tca4j.convert.formats;

import java.util.Map;

/** Element types a checkpoint may hold; only the floating ones can become model weights. */
public enum SourceDType {
    F32(4, true), F16(2, true), BF16(2, true), F64(8, true),
    I64(8, false), I32(4, false), I16(2, false), I8(1, false), U8(1, false), BOOL(1, false);

    private static final Map<String, SourceDType> TORCH_STORAGES = Map.of(
            "FloatStorage", F32, "HalfStorage", F16, "BFloat16Storage", BF16, "DoubleStorage", F64,
            "LongStorage", I64, "IntStorage", I32, "ShortStorage", I16, "CharStorage", I8, "ByteStorage", U8,
            "BoolStorage", BOOL);

    private static final Map<String, SourceDType> SAFETENSORS = Map.of(
            "F32", F32, "F16", F16, "BF16", BF16, "F64", F64, "I64", I64, "I32", I32, "I16", I16, "I8", I8,
            "U8", U8, "BOOL", BOOL);

    private final int byteSize;
    private final boolean floating;

    SourceDType(int byteSize, boolean floating) {
        this.byteSize = byteSize;
        this.floating = floating;
    }

    public int byteSize() {
        return byteSize;
    }

    /** Whether values of this type can be converted to float32/16 weights. */
    public boolean floating() {
        return floating;
    }

    /** The dtype of a {@code torch.XxxStorage} class name, or null if it is not one we know. */
    public static SourceDType ofTorchStorage(String className) {
        return TORCH_STORAGES.get(className);
    }

    /** The dtype of a safetensors dtype string, or null if it is not one we know. */
    public static SourceDType ofSafetensors(String name) {
        return SAFETENSORS.get(name);
    }
}
