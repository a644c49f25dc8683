package org.tca4j.core.kernels;

import java.lang.foreign.MemorySegment;
import org.tca4j.core.simd.Simd;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * The right-hand operand of the vector GEMM, repacked into column panels.
 *
 * <p>For {@code y = a·B} with B {@code [K, N]} (for a {@code Linear} layer B = Wᵀ), the N output columns are cut
 * into panels of {@link #WIDTH} columns (two vectors). Panel p holds, for k = 0..K−1 in turn, the {@code WIDTH}
 * values {@code B[k, p·WIDTH .. p·WIDTH + WIDTH)}: {@code data[(p·K + k)·WIDTH + j]}. The micro-kernel therefore
 * reads one panel front to back, two vector loads per k, and any k-range of a panel is contiguous. Columns past N
 * in the last panel are zero.
 *
 * <p>A {@code Panels} object is reusable: {@link #packTransposed} and {@link #packRows} refill it, growing its
 * storage only when a larger operand arrives (attention packs every head into the same per-thread object).
 */
final class Panels {
    /** Vectors per panel. */
    static final int VECTORS = 2;
    /** Columns per panel: two vectors of the kernel species. */
    static final int WIDTH = VECTORS * Simd.lanes();
    /**
     * k rows per block of {@link #packTransposed}: a block of a panel ({@code 64 × WIDTH} floats, 8 KB at 512 bits)
     * stays in L1 while the panel's columns are written into it one by one. Written column by column over the whole
     * of K, the panel (96 KB at K = 768) left L1 between columns.
     */
    private static final int TRANSPOSE_BLOCK = 64;

    private float[] data = new float[0];
    private int k;
    private int n;
    private boolean inMemory;

    /**
     * Packs {@code w} {@code [N, K]} (PyTorch's {@code Linear} layout), i.e. B = wᵀ. The result is marked
     * {@link #inMemory}: a model's weights are read once per pass and come from main memory.
     */
    static Panels of(FloatMatrix w) {
        Panels p = new Panels();
        p.packTransposed(w.segment(), 0, w.cols(), w.rows(), w.cols());
        p.inMemory = true;
        return p;
    }

    /**
     * Packs B = Sᵀ where S is the {@code n × k} block of rows starting at byte {@code offset} of {@code src}, rows
     * {@code stride} floats apart (e.g. one head's keys inside a packed qkv matrix).
     */
    void packTransposed(MemorySegment src, long offset, int stride, int n, int k) {
        resize(n, k);
        float[] array = HeapArrays.array(src);
        float[] chunk = array == null ? new float[Math.min(k, TRANSPOSE_BLOCK)] : null;
        for (int p = 0; p < panels(); p++) {
            int width = Math.min(WIDTH, n - p * WIDTH);
            for (int k0 = 0; k0 < k; k0 += TRANSPOSE_BLOCK) {
                int kb = Math.min(TRANSPOSE_BLOCK, k - k0);
                for (int j = 0; j < width; j++) {
                    long row = offset + 4L * ((long) (p * WIDTH + j) * stride + k0);
                    int dst = (p * k + k0) * WIDTH + j;
                    if (array != null) {
                        RowTiles.copyStrided(array, HeapArrays.index(src, row), kb, data, dst, WIDTH);
                    } else { // native memory (a mapped weight): the row's piece in one bulk copy
                        MemorySegment.copy(src, FloatMatrix.FLOAT, row, chunk, 0, kb);
                        RowTiles.copyStrided(chunk, 0, kb, data, dst, WIDTH);
                    }
                }
            }
        }
    }

    /**
     * Packs B = the {@code k × n} block of rows starting at byte {@code offset} of {@code src}, rows {@code stride}
     * floats apart (e.g. one head's values inside a packed qkv matrix).
     */
    void packRows(MemorySegment src, long offset, int stride, int k, int n) {
        resize(n, k);
        for (int p = 0; p < panels(); p++) {
            int width = Math.min(WIDTH, n - p * WIDTH);
            for (int kk = 0; kk < k; kk++) {
                MemorySegment.copy(src, FloatMatrix.FLOAT, offset + 4L * ((long) kk * stride + p * WIDTH),
                        data, (p * k + kk) * WIDTH, width);
            }
        }
    }

    private void resize(int n, int k) {
        this.n = n;
        this.k = k;
        int size = Math.multiplyExact(Math.multiplyExact((n + WIDTH - 1) / WIDTH, WIDTH), k);
        if (data.length < size) {
            data = new float[size];
        } else {
            java.util.Arrays.fill(data, 0, size, 0f);
        }
    }

    /** Unpacks the original {@code [N, K]} weight (for {@link Linear#weight()} after packing). */
    FloatMatrix unpackTransposed() {
        FloatMatrix w = FloatMatrix.allocate(n, k);
        for (int c = 0; c < n; c++) {
            int p = c / WIDTH, j = c % WIDTH;
            for (int kk = 0; kk < k; kk++) {
                w.set(c, kk, data[(p * k + kk) * WIDTH + j]);
            }
        }
        return w;
    }

    /** The packed values. */
    float[] array() {
        return data;
    }

    /** Index in {@link #array()} of panel p at row kk. */
    int index(int p, int kk) {
        return (p * k + kk) * WIDTH;
    }

    int k() {
        return k;
    }

    /**
     * True for a model's weights ({@link #of}), whose blocks {@link Gemm} loads ahead of the micro-kernel; false
     * for an operand packed just before use (attention's keys and values), which is still in the caches.
     */
    boolean inMemory() {
        return inMemory;
    }

    int n() {
        return n;
    }

    int panels() {
        return (n + WIDTH - 1) / WIDTH;
    }
}
