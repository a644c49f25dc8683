package org.tca4j.vit.image;

import java.nio.file.Path;
import java.util.Objects;
import org.tca4j.vit.config.PreprocessConfig;
import org.tca4j.vit.image.ImageInputException.Reason;

/**
 * open_clip's eval transform, bit for bit as Pillow and torchvision compute it:
 * {@code Resize(size, bicubic) → CenterCrop(size) → convert('RGB') → ToTensor → Normalize(mean, std)}.
 *
 * <p>Reference: open_clip {@code transform.py} ({@code image_transform}, eval branch), torchvision 0.14
 * ({@code Resize} with an int size, {@code CenterCrop}, {@code ToTensor}, {@code Normalize}), Pillow 9.4 (see
 * {@link PilResize}). Steps:
 * <ol>
 *   <li>resize so the short side is {@code size}; the long side becomes {@code int(size·long/short)};</li>
 *   <li>crop {@code size × size} at {@code top = round((H − size)/2)}, {@code left = round((W − size)/2)}, rounding
 *       half to even as Python does;</li>
 *   <li>convert to RGB (alpha dropped without compositing, gray copied, palette looked up, I clipped to 0..255,
 *       CMYK as Pillow's {@code cmyk2rgb});</li>
 *   <li>{@code (float(u8) / 255f − mean[c]) / std[c]} in float32.</li>
 * </ol>
 *
 * <p>Output layout: {@code float[3·size·size]} in CHW order (channel-major, then rows, then columns), i.e. a
 * {@code [3, size·size]} matrix, what the patch embedding reads. Instances are immutable and thread-safe.
 *
 * <p>Deviations from the reference:
 * <ul>
 *   <li>only open_clip's {@code 'shortest'} resize mode with a square size; {@code 'longest'} (resize and pad),
 *       {@code 'squash'} and non-square sizes are not ported (the weights converter refuses other modes);</li>
 *   <li>{@code 'random'} runs as bicubic, as in open_clip's eval transform, which accepts {@code 'bicubic'},
 *       {@code 'bilinear'} and {@code 'random'} and uses bilinear only for {@code 'bilinear'} (only a timm
 *       training transform picks a filter at random); any other name is an {@link IllegalArgumentException},
 *       where open_clip fails an assertion;</li>
 *   <li>an image whose header declares more than {@code maxPixels} (100 MP by default) is refused before decoding
 *       with {@link ImageInputException}; Pillow only warns above 89,478,485 pixels and raises
 *       {@code DecompressionBombError} above twice that;</li>
 *   <li>an image whose resized size (step 1) would hold more pixels than {@code maxPixels}, or than
 *       {@link #MAX_RESIZED_PIXELS}, is refused with {@link ImageInputException} as well, before decoding when it
 *       comes from a file: at 224 px and 100 MP that is an image more elongated than about 1993:1. Pillow resizes
 *       such an image while memory lasts (the resized image grows with the aspect ratio) and raises an error
 *       once a side passes 2^31 − 1;</li>
 *   <li>decoding differs where {@link ImageDecoder} says so (JPEG); resize and convert follow {@link PilResize}
 *       and {@link PilConvert}, crop and convert in one pass over the window.</li>
 * </ul>
 */
public final class ImagePreprocessor {
    /** Pillow's own decompression-bomb error threshold is 2 × 89.5 MP; 100 MP is a round number below it. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;
    /**
     * The most pixels a resized image may hold whatever {@code maxPixels} says: a resize pass writes up to 4
     * samples per pixel into one Java array, which holds fewer than 2^31.
     */
    public static final long MAX_RESIZED_PIXELS = Integer.MAX_VALUE / 4;
    /** Names an image that did not come from a file in error messages. */
    private static final String IN_MEMORY = "in-memory image";

    private final PreprocessConfig config;
    private final PilResize.Filter filter;
    private final long maxPixels;

    /** A preprocessor for a model's transform, rejecting images over {@link #DEFAULT_MAX_PIXELS}. */
    public ImagePreprocessor(PreprocessConfig config) {
        this(config, DEFAULT_MAX_PIXELS);
    }

    /** A preprocessor that rejects, before decoding, images whose header declares more than {@code maxPixels}. */
    public ImagePreprocessor(PreprocessConfig config, long maxPixels) {
        this.config = Objects.requireNonNull(config, "config");
        this.filter = switch (config.interpolation()) {
            case "bicubic", "random" -> PilResize.Filter.BICUBIC;
            case "bilinear" -> PilResize.Filter.BILINEAR;
            default -> throw new IllegalArgumentException("unsupported interpolation \"" + config.interpolation()
                    + "\" (bicubic, bilinear or random)");
        };
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    /** The output side length in pixels. */
    public int size() {
        return config.size();
    }

    /** Decodes an image file and returns its normalised pixels, {@code float[3·size·size]} CHW. */
    public float[] preprocess(Path file) throws ImageInputException {
        return preprocess(ImageDecoder.decode(file, this::checkHeader));
    }

    /** Decodes encoded image bytes ({@code source} names them in errors) and returns the normalised pixels. */
    public float[] preprocess(byte[] encoded, String source) throws ImageInputException {
        return preprocess(ImageDecoder.decode(encoded, source, this::checkHeader));
    }

    /**
     * The normalised pixels of an already decoded image, {@code float[3·size·size]} CHW.
     *
     * @throws ImageInputException {@link Reason#TOO_LARGE} when the resized image would be too large
     */
    public float[] preprocess(PilImage image) throws ImageInputException {
        return normalize(resizeCropRgb(image));
    }

    /**
     * Steps 1-3: the {@code size × size} RGB image as interleaved bytes {@code [size, size, 3]} (HWC), the stage the
     * golden {@code pixels_uint8.npy} records.
     *
     * @throws ImageInputException {@link Reason#TOO_LARGE} when the resized image would be too large
     */
    public byte[] resizeCropRgb(PilImage image) throws ImageInputException {
        int size = config.size();
        ResizedSize to = checkResizeFits(IN_MEMORY, image.width(), image.height());
        // Both sides fit in an int now: the larger is at most MAX_RESIZED_PIXELS / size.
        int newW = (int) to.width(), newH = (int) to.height();
        PilImage resized = PilResize.resize(image, newW, newH, filter);
        int top = roundHalfEven((newH - size) / 2.0), left = roundHalfEven((newW - size) / 2.0);
        return PilConvert.cropToRgb(resized, left, top, size, size);
    }

    /** Step 1's output size; a side can pass {@code Integer.MAX_VALUE} for a thin enough image. */
    private record ResizedSize(long width, long height) {}

    /**
     * torchvision's size for {@code Resize(size)}: the short side becomes {@code size}, the long side
     * {@code int(size * long / short)}, divided in double as Python does.
     */
    private ResizedSize resizedSize(int width, int height) {
        int size = config.size();
        boolean portrait = width <= height;
        int shortSide = portrait ? width : height, longSide = portrait ? height : width;
        long newLong = (long) ((double) ((long) size * longSide) / shortSide);
        return portrait ? new ResizedSize(size, newLong) : new ResizedSize(newLong, size);
    }

    /**
     * The resized size, refused when it holds more pixels than {@code maxPixels} or {@link #MAX_RESIZED_PIXELS}.
     * That bounds every buffer of the resize: its intermediate pass (new width × old height) never holds more
     * pixels than the larger of the input and the output.
     */
    private ResizedSize checkResizeFits(String source, int width, int height) throws ImageInputException {
        ResizedSize to = resizedSize(width, height);
        long limit = Math.min(maxPixels, MAX_RESIZED_PIXELS);
        if (to.width() > limit / to.height()) { // to.width() · to.height() > limit, without overflow
            throw new ImageInputException(source, Reason.TOO_LARGE, "the " + width + "×" + height
                    + " image resized so its short side is " + config.size() + " would be " + to.width() + "×"
                    + to.height() + ", over the limit of " + limit + " pixels");
        }
        return to;
    }

    /** What the decoder checks once a file's header is read: the pixel limit, then the resized size. */
    private void checkHeader(String source, int width, int height) throws ImageInputException {
        ImageDecoder.checkDimensions(source, width, height, maxPixels);
        checkResizeFits(source, width, height);
    }

    /** Step 4: {@code (float(u8)/255f − mean[c]) / std[c]} from HWC bytes to a CHW float array. */
    public float[] normalize(byte[] rgb) {
        int pixels = rgb.length / 3;
        if (pixels * 3 != rgb.length) {
            throw new IllegalArgumentException("RGB bytes must come in threes, got " + rgb.length);
        }
        float[] mean = config.mean(), std = config.std();
        float[] out = new float[rgb.length];
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < pixels; p++) {
                float x = (rgb[p * 3 + c] & 0xFF) / 255f;
                out[c * pixels + p] = (x - mean[c]) / std[c];
            }
        }
        return out;
    }

    /** Python's {@code round()} on a half-integer grid: ties go to the even neighbour. */
    static int roundHalfEven(double v) {
        return (int) Math.rint(v);
    }
}
