package org.tca4j.core.kernels;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.tca4j.core.simd.Simd;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * The vector GEMM behind {@link MatMul} and {@link Attention}: {@code c (+)= a·B} with a packed into row tiles
 * ({@link RowTiles}) and B packed into column panels ({@link Panels}).
 *
 * <p>Loop structure of one thread's share, a contiguous range of panels (outermost first), after Goto's GEMM with
 * the vectors along the output columns:
 * <ol>
 *   <li>K in outer blocks of {@link #KO}: the outer block of packed a ({@code M × KO}, 600 KB for M = 197) stays in
 *       L2 for all the panels of the range;</li>
 *   <li>the panels of the range, one after the other;</li>
 *   <li>the panel's k-blocks of {@link #KC} inside the outer block: B is read front to back, one sequential stream
 *       through memory (the weights of a layer come from DRAM once per pass, and the hardware prefetchers follow
 *       a single stream best); one k-block of B ({@code KC × WIDTH} floats, 32 KB at 512 bits) stays in L1 while
 *       every row tile passes it;</li>
 *   <li>the row tiles of a ({@code MR × KC} each, the last ones possibly 8 or 6 rows; a sequential stream from
 *       L2);</li>
 *   <li>the micro-kernel: {@code MR × 2} vector accumulators; per k two vector loads of B, MR broadcasts of a and
 *       {@code 2·MR} fused multiply-adds. A c tile is loaded (after the first k-block) and stored once per
 *       k-block.</li>
 * </ol>
 * Before the row tiles pass a k-block of weights ({@link Panels#inMemory}), one plain load per cache line brings
 * the block in ({@link #loadAhead}). A model's weights come from main memory (a ViT-B/16 block holds 28 MB of
 * them), and the micro-kernel alone keeps only the ~22 lines of B its out-of-order window covers in flight, so the
 * first row tile waited on memory; a loop of bare loads keeps many more in flight. With the weights in main memory
 * this made a matmul 8 % faster at 192 rows and 13-17 % at 72-96 rows (development VM, 1 thread, stop 11).
 *
 * <p>The last one or two row tiles may be 8 or 6 rows high ({@link RowTiles} plans them so that at most one row is
 * padding in most cases); they run 8- and 6-row twins of the micro-kernel ({@link MicroKernel}). A tile with
 * padding rows, or cut by N (the last panel), runs its kernel on a scratch tile and copies the valid part in and out.
 *
 * <p>Numerics: every output element is the chain {@code acc = fma(a[i,k], B[k,j], acc)} over k = 0, 1, ... from
 * 0, whichever tile, thread or edge path computes it, so the bits depend neither on the tiling nor on the thread
 * partition (the K reduction is never split).
 */
final class Gemm {
    static final VectorSpecies<Float> F = Simd.F;
    /**
     * K block: a panel's k-block of B (KC × 32 floats at 512 bits, 32 KB) fits L1 beside a tile of a. On the
     * development VM's Intel Xeon (48 KB L1, 2 MB L2) KC from 192 to 768 measured the same within the noise, 64 and
     * less lost 10-25 % to the c tiles' extra loads and stores.
     */
    static final int KC = 256;
    /**
     * Outer K block. Reading each panel's B across a whole outer block, rather than one KC block of every panel in
     * turn, made the weight stream sequential: with the weights coming from DRAM (a condensed pass's few rows
     * reuse each weight little) 768 → 2304 ran 4-9 % faster on the development VM, 1-2 threads, M = 74..197; the
     * K = 3072 layer measured the same for outer blocks of 256 to 3072.
     */
    static final int KO = 768;
    /**
     * Rows per tile of packed a and of the main micro-kernel. Twelve rows by two vectors keep 24 accumulators in
     * 32 vector registers and load each B vector once per 12 FMAs; measured on the development VM's Intel Xeon
     * (two 512-bit FMA ports) this kernel ran at ~80 % of the FMA peak with B in L1, the former 6-row one at ~70 %
     * (stop 10, a copy of the kernel called on one L1-resident tile: 171–174 of 201 GFLOP/s, 85–87 %; the 8- and
     * 6-row twins 158–159).
     */
    static final int MR = 12;

    /** Floats per cache line: the stride of {@link #loadAhead}. */
    private static final int LINE = 64 / Float.BYTES;
    /**
     * Where {@link #multiply} leaves the sum of the values {@link #loadAhead} read, so that the JIT keeps the loads.
     * Written by every thread, read by none: a plain field is enough.
     */
    private static float loadedAhead;

    private static final ThreadLocal<float[]> EDGE_TILE = ThreadLocal.withInitial(() -> new float[MR * Panels.WIDTH]);
    private static final ThreadLocal<float[]> EDGE_BIAS = ThreadLocal.withInitial(() -> new float[Panels.WIDTH]);

    private Gemm() {}

    /**
     * {@code c[i, col] = Σ_k a[i, k]·B[k, col]} for rows {@code [0, m)} and the columns of panels
     * {@code [panelFrom, panelTo)}; {@code a} packed by {@link RowTiles#pack}, c row-major from byte {@code cOff} with
     * rows {@code cStride} floats apart.
     */
    static void multiply(float[] a, int m, Panels b, MemorySegment c, long cOff, int cStride, int panelFrom,
                         int panelTo) {
        multiply(a, m, b, null, c, cOff, cStride, panelFrom, panelTo);
    }

    /**
     * {@link #multiply} plus a bias row ({@code [1, N]}, or null) added to each finished tile while it is in L1,
     * {@code c = (Σ a·B) + bias}: the same float addition as a separate pass over c, without the trip to memory.
     */
    static void multiply(float[] a, int m, Panels b, MemorySegment bias, MemorySegment c, long cOff, int cStride,
                         int panelFrom, int panelTo) {
        int k = b.k();
        float[] cArray = HeapArrays.array(c);
        float[] biasArray = bias == null ? null : HeapArrays.array(bias);
        int biasBase = biasArray == null ? 0 : HeapArrays.index(bias, 0);
        if (bias != null && biasArray == null) {
            biasArray = bias.asSlice(0, 4L * b.n()).toArray(FloatMatrix.FLOAT);
        }
        float loaded = 0f;
        for (int ko = 0; ko < k; ko += KO) {
            int kEnd = Math.min(k, ko + KO);
            for (int p = panelFrom; p < panelTo; p++) {
                for (int k0 = ko; k0 < kEnd; k0 += KC) {
                    int kc = Math.min(KC, kEnd - k0);
                    if (b.inMemory()) {
                        loaded += loadAhead(b.array(), b.index(p, k0), kc * Panels.WIDTH);
                    }
                    float[] blockBias = k0 + kc == k ? biasArray : null;
                    panelBlock(a, m, b, p, k0, kc, c, cArray, cOff, cStride, blockBias, biasBase + p * Panels.WIDTH);
                }
            }
        }
        loadedAhead = loaded;
    }

    /**
     * Reads one float of every cache line of {@code b[from .. from+length)} and returns their sum: the software
     * prefetch that Java lacks, as plain loads (see the class comment).
     */
    private static float loadAhead(float[] b, int from, int length) {
        float sum = 0f;
        for (int i = from; i < from + length; i += LINE) {
            sum += b[i];
        }
        return sum;
    }

    /**
     * One k block of one panel over every row tile: the panel's {@code kc × WIDTH} slice of B stays in L1 while
     * the tiles of a stream past it; the c tiles are loaded (after the first block) and stored once per block.
     */
    private static void panelBlock(float[] a, int m, Panels b, int p, int k0, int kc, MemorySegment c,
                                   float[] cArray, long cOff, int cStride, float[] bias, int biasOff) {
        int k = b.k();
        boolean accumulate = k0 > 0;
        boolean fullPanel = (p + 1) * Panels.WIDTH <= b.n();
        int bOff = b.index(p, k0);
        for (int t = 0; t < RowTiles.count(m); t++) {
            int start = RowTiles.start(m, t), height = RowTiles.height(m, t), rows = RowTiles.rows(m, t);
            int aOff = start * k + k0 * height;
            long cTile = cOff + 4L * (start * (long) cStride + p * Panels.WIDTH);
            if (cArray != null && fullPanel && rows == height) {
                int cIndex = HeapArrays.index(c, cTile);
                MicroKernel.run(height, a, aOff, b.array(), bOff, kc, cArray, cIndex, cStride, accumulate);
                addBias(bias, biasOff, cArray, cIndex, cStride, height);
            } else {
                edgeTile(height, a, aOff, b.array(), bOff, kc, c, cArray, cTile, cStride, accumulate, bias, biasOff,
                        rows, Math.min(Panels.WIDTH, b.n() - p * Panels.WIDTH));
            }
        }
    }

    /**
     * {@code c = c + bias} over the two vectors of {@code rows} rows of a finished tile (nothing when bias is null):
     * the same float addition as inside the micro-kernel, kept out of it so that the kernel has no branch whose
     * profile the first layers (without bias) would mislead (C2 compiled the 12-row kernel twice more after an
     * uncommon trap there).
     */
    private static void addBias(float[] bias, int biasOff, float[] c, int cOff, int cRow, int rows) {
        if (bias == null) {
            return;
        }
        int lanes = F.length();
        FloatVector bias0 = FloatVector.fromArray(F, bias, biasOff);
        FloatVector bias1 = FloatVector.fromArray(F, bias, biasOff + lanes);
        for (int r = 0; r < rows; r++) {
            int row = cOff + r * cRow;
            FloatVector.fromArray(F, c, row).add(bias0).intoArray(c, row);
            FloatVector.fromArray(F, c, row + lanes).add(bias1).intoArray(c, row + lanes);
        }
    }

    /**
     * A tile cut to {@code rows × cols} (the padded last tile of the rows, the last panel of N), or a tile of a c
     * that is not a float array: the micro-kernel on a scratch tile, the valid part copied in and out.
     */
    private static void edgeTile(int height, float[] a, int aOff, float[] b, int bOff, int kc, MemorySegment c,
                                 float[] cArray, long cOff, int cStride, boolean accumulate, float[] bias, int biasOff,
                                 int rows, int cols) {
        float[] scratch = EDGE_TILE.get();
        float[] scratchBias = null;
        if (bias != null) {
            scratchBias = EDGE_BIAS.get();
            System.arraycopy(bias, biasOff, scratchBias, 0, cols);
        }
        if (accumulate) {
            copyRows(c, cArray, cOff, cStride, scratch, rows, cols, true);
        }
        MicroKernel.run(height, a, aOff, b, bOff, kc, scratch, 0, Panels.WIDTH, accumulate);
        addBias(scratchBias, 0, scratch, 0, Panels.WIDTH, height);
        copyRows(c, cArray, cOff, cStride, scratch, rows, cols, false);
    }

    /**
     * Copies {@code rows × cols} between c (from byte {@code cOff}, rows {@code cStride} floats apart) and the
     * scratch tile (rows {@link Panels#WIDTH} apart): into the scratch when {@code toScratch}, else out of it. An
     * array under c is copied with {@code System.arraycopy}, a native c through its segment.
     */
    private static void copyRows(MemorySegment c, float[] cArray, long cOff, int cStride, float[] scratch, int rows,
                                 int cols, boolean toScratch) {
        for (int r = 0; r < rows; r++) {
            long row = cOff + 4L * r * cStride;
            int s = r * Panels.WIDTH;
            if (cArray != null) {
                int index = HeapArrays.index(c, row);
                if (toScratch) {
                    System.arraycopy(cArray, index, scratch, s, cols);
                } else {
                    System.arraycopy(scratch, s, cArray, index, cols);
                }
            } else if (toScratch) {
                MemorySegment.copy(c, FloatMatrix.FLOAT, row, scratch, s, cols);
            } else {
                MemorySegment.copy(scratch, s, c, FloatMatrix.FLOAT, row, cols);
            }
        }
    }
}
