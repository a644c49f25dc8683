package org.tca4j.vit.io;

/**
 * Constants of the {@code .tca4j} file layout; the schema {@code vit/src/main/flatbuffers/tca4j_model.fbs} describes it.
 *
 * <pre>
 *   [0, 4)               u32 S, the size of the FlatBuffer
 *   [4, 4+S)             the FlatBuffer (root table Model), identifier "TC4J" at bytes [8, 12)
 *   [4+S, D)             zero padding; D = 4+S rounded up to a multiple of 64
 *   [D, D+data_length)   tensor data, each tensor at D + offset with offset a multiple of 64
 * </pre>
 */
public final class ModelFileFormat {
    private ModelFileFormat() {}

    /** The FlatBuffers file identifier, at bytes [8, 12) of the file. */
    public static final String IDENTIFIER = "TC4J";
    /** The format version this build reads and writes. */
    public static final int VERSION = 1;
    /** Alignment of the data section and of every tensor in it, in bytes. */
    public static final int ALIGNMENT = 64;
    /** The usual file name extension. */
    public static final String EXTENSION = ".tca4j";

    /** Where the data section starts for a FlatBuffer of {@code flatBufferSize} bytes. */
    public static long dataStart(long flatBufferSize) {
        return alignUp(4 + flatBufferSize);
    }

    /** {@code position} rounded up to a multiple of {@link #ALIGNMENT}. */
    public static long alignUp(long position) {
        return (position + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }
}
