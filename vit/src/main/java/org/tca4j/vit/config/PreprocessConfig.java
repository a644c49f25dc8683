package org.tca4j.vit.config;

import java.util.List;

/**
 * OpenCLIP's eval transform parameters ({@code preprocess_cfg}).
 *
 * @param size output side in pixels (the short side is resized to it, then a centre crop)
 * @param interpolation {@code bicubic} (OpenCLIP's default), {@code bilinear}, or {@code random} (bicubic in the
 *     eval transform)
 * @param mean per-channel mean, RGB
 * @param std per-channel standard deviation, RGB
 */
public record PreprocessConfig(int size, String interpolation, float[] mean, float[] std) {
    /** OpenAI CLIP's normalisation constants, as {@code open_clip.constants.OPENAI_DATASET_MEAN} / {@code _STD}. */
    public static final float[] OPENAI_MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    public static final float[] OPENAI_STD = {0.26862954f, 0.26130258f, 0.27577711f};
    /**
     * The interpolation names open_clip accepts ({@code image_transform} in {@code src/open_clip/transform.py}
     * asserts on exactly these). The constructor refuses any other, so a config from the converter or a model file
     * fails where it is read instead of when the first image is preprocessed.
     */
    public static final List<String> INTERPOLATIONS = List.of("bicubic", "bilinear", "random");

    public PreprocessConfig {
        Checks.positive("preprocess size", size);
        if (interpolation == null || !INTERPOLATIONS.contains(interpolation)) {
            throw new IllegalArgumentException("interpolation " + (interpolation == null ? "missing" : "'" + interpolation
                    + "' is not supported") + " (open_clip accepts only " + String.join(", ", INTERPOLATIONS) + ")");
        }
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 channels");
        }
        for (float s : std) {
            if (!(s > 0) || !Float.isFinite(s)) {
                throw new IllegalArgumentException("std must be positive, got " + s);
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** OpenCLIP's default eval transform at {@code size}. */
    public static PreprocessConfig openai(int size) {
        return new PreprocessConfig(size, "bicubic", OPENAI_MEAN, OPENAI_STD);
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }
}
