package org.tca4j.vit.config;

/** The MLP activation of the residual blocks. */
public enum Activation {
    /** Exact GELU, {@code x·Φ(x)} (torch's default; OpenCLIP's {@code ViT-B-16}). */
    GELU("gelu"),
    /** {@code x·σ(1.702x)} (OpenAI's CLIP; OpenCLIP's {@code -quickgelu} models). */
    QUICK_GELU("quick_gelu");

    private final String fileName;

    Activation(String fileName) {
        this.fileName = fileName;
    }

    /** The name used in the model file and in OpenCLIP/Hugging Face configs. */
    public String fileName() {
        return fileName;
    }

    /** Parses {@code gelu} or {@code quick_gelu}. */
    public static Activation fromFileName(String name) {
        for (Activation a : values()) {
            if (a.fileName.equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "' (expected gelu or quick_gelu)");
    }
}
