package org.tca4j.vit.image;

import java.io.IOException;

/** An image that cannot be used: unreadable, corrupt, of an unsupported kind, or declaring too many pixels. */
public final class ImageInputException extends IOException {
    /** What is wrong with the input. */
    public enum Reason {
        /** The file cannot be opened or read at all. */
        UNREADABLE,
        /** No decoder recognises the bytes as an image of a supported format, or its pixel layout is unsupported. */
        UNSUPPORTED,
        /** The header or the pixel data is damaged or truncated. */
        CORRUPT,
        /**
         * The header declares more pixels than the configured limit, or a PNG's compressed text or ICC chunks
         * inflate past Pillow's limits (a decompression bomb, or just too big).
         */
        TOO_LARGE
    }

    private final Reason reason;

    public ImageInputException(String source, Reason reason, String problem) {
        super(source + ": " + problem);
        this.reason = reason;
    }

    public ImageInputException(String source, Reason reason, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
