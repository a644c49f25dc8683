package org.tca4j.core.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A row-major {@code rows × cols} matrix of float32 over a {@link MemorySegment}.
 *
 * <p>The segment is either a heap segment over a {@code float[]} (activations, packed weights) or a slice of a
 * memory-mapped model file (weights used where they lie, without a copy). Rows are contiguous: the element
 * {@code (r, c)} is at byte {@code 4·(r·cols + c)}. A view of a row range shares the storage.
 *
 * <p>Floats are read in the platform's byte order, which must be little-endian (the model file's order).
 */
public final class FloatMatrix {
    /** The layout of one element: float32, native (little-endian) order, 4-byte aligned. */
    public static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT;

    static {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new ExceptionInInitializerError("tca4j needs a little-endian platform");
        }
    }

    private final MemorySegment segment;
    private final int rows;
    private final int cols;

    private FloatMatrix(MemorySegment segment, int rows, int cols) {
        this.segment = segment;
        this.rows = rows;
        this.cols = cols;
    }

    /** A new zero-filled heap matrix. */
    public static FloatMatrix allocate(int rows, int cols) {
        checkShape(rows, cols);
        return new FloatMatrix(MemorySegment.ofArray(new float[Math.multiplyExact(rows, cols)]), rows, cols);
    }

    /** A matrix over {@code data} (not copied); {@code data.length} must equal {@code rows·cols}. */
    public static FloatMatrix wrap(float[] data, int rows, int cols) {
        checkShape(rows, cols);
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException("array of " + data.length + " floats is not " + rows + "×" + cols);
        }
        return new FloatMatrix(MemorySegment.ofArray(data), rows, cols);
    }

    /** A row vector ({@code 1 × data.length}) over {@code data}. */
    public static FloatMatrix row(float[] data) {
        return wrap(data, 1, data.length);
    }

    /** A matrix over a segment of exactly {@code 4·rows·cols} bytes, 4-byte aligned (not copied). */
    public static FloatMatrix of(MemorySegment segment, int rows, int cols) {
        checkShape(rows, cols);
        Objects.requireNonNull(segment, "segment");
        long bytes = 4L * rows * cols;
        if (segment.byteSize() != bytes) {
            throw new IllegalArgumentException("segment of " + segment.byteSize() + " bytes is not " + rows + "×" + cols + " floats");
        }
        if (!segment.isNative() && segment.heapBase().isPresent() && !(segment.heapBase().get() instanceof float[])) {
            throw new IllegalArgumentException("a heap segment must be backed by a float[]");
        }
        if (segment.isNative() && segment.address() % 4 != 0) {
            throw new IllegalArgumentException("segment is not 4-byte aligned");
        }
        return new FloatMatrix(segment, rows, cols);
    }

    private static void checkShape(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative shape " + rows + "×" + cols);
        }
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Number of elements, {@code rows·cols}. */
    public long size() {
        return (long) rows * cols;
    }

    /** The backing storage of exactly this matrix's elements. */
    public MemorySegment segment() {
        return segment;
    }

    /** Byte offset of element {@code (r, c)} within {@link #segment()}. */
    public long offset(int r, int c) {
        return 4L * ((long) r * cols + c);
    }

    public float get(int r, int c) {
        return segment.getAtIndex(FLOAT, (long) r * cols + c);
    }

    public void set(int r, int c, float v) {
        segment.setAtIndex(FLOAT, (long) r * cols + c, v);
    }

    /** Element {@code i} of the row-major sequence. */
    public float at(long i) {
        return segment.getAtIndex(FLOAT, i);
    }

    /** A view of rows {@code [from, to)}, sharing storage. */
    public FloatMatrix rows(int from, int to) {
        Objects.checkFromToIndex(from, to, rows);
        return new FloatMatrix(segment.asSlice(4L * from * cols, 4L * (to - from) * cols), to - from, cols);
    }

    /** A {@code 1 × cols} view of row {@code r}. */
    public FloatMatrix rowView(int r) {
        return rows(r, r + 1);
    }

    /** The same storage seen as {@code rows × cols} with another split of the same element count. */
    public FloatMatrix reshape(int newRows, int newCols) {
        checkShape(newRows, newCols);
        if ((long) newRows * newCols != size()) {
            throw new IllegalArgumentException("cannot reshape " + rows + "×" + cols + " to " + newRows + "×" + newCols);
        }
        return new FloatMatrix(segment, newRows, newCols);
    }

    /** Copies {@code src} (same shape) into this matrix. */
    public void copyFrom(FloatMatrix src) {
        if (src.rows != rows || src.cols != cols) {
            throw new IllegalArgumentException("shape " + src.rows + "×" + src.cols + " into " + rows + "×" + cols);
        }
        MemorySegment.copy(src.segment, 0, segment, 0, segment.byteSize());
    }

    /** A fresh heap copy. */
    public FloatMatrix copy() {
        FloatMatrix out = allocate(rows, cols);
        out.copyFrom(this);
        return out;
    }

    /**
     * The elements as a new array, row-major. One bulk copy into a new array: {@code MemorySegment.toArray} finds
     * the array type by reflection and wraps the array in a segment, about a microsecond per call, which per-row
     * callers (TCA's plan reads some hundred rows a block) paid many times over.
     */
    public float[] toArray() {
        float[] out = new float[Math.toIntExact(size())];
        MemorySegment.copy(segment, FLOAT, 0, out, 0, out.length);
        return out;
    }

    /** Row {@code r} as a new array. */
    public float[] rowArray(int r) {
        return rowView(r).toArray();
    }

    @Override
    public String toString() {
        return "FloatMatrix[" + rows + "×" + cols + (segment.isNative() ? ", off-heap" : "") + "]";
    }
}
