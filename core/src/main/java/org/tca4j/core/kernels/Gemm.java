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
 * padding in most cases); they run 8- and 6-row twins of the micro-kernel. A tile with padding rows, or cut by N
 * (the last panel), runs its kernel on a scratch tile and copies the valid part in and out.
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
                kernel(height, a, aOff, b.array(), bOff, kc, cArray, cIndex, cStride, accumulate);
                addBias(bias, biasOff, cArray, cIndex, cStride, height);
            } else {
                edgeTile(height, a, aOff, b.array(), bOff, kc, c, cArray, cTile, cStride, accumulate, bias, biasOff,
                        rows, Math.min(Panels.WIDTH, b.n() - p * Panels.WIDTH));
            }
        }
    }

    /** The micro-kernel of {@code height} rows (12, 8 or 6: {@link RowTiles#height}). */
    private static void kernel(int height, float[] a, int aOff, float[] b, int bOff, int kc, float[] c, int cOff,
                               int cRow, boolean accumulate) {
        switch (height) {
            case MR -> tile(a, aOff, b, bOff, kc, c, cOff, cRow, accumulate);
            case 8 -> eightRowTile(a, aOff, b, bOff, kc, c, cOff, cRow, accumulate);
            default -> sixRowTile(a, aOff, b, bOff, kc, c, cOff, cRow, accumulate);
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
        kernel(height, a, aOff, b, bOff, kc, scratch, 0, Panels.WIDTH, accumulate);
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

    /**
     * The micro-kernel: an {@code MR × 2}-vector tile of c (from index {@code cOff}, rows {@code cRow} floats
     * apart) over one k block of one panel; per k two vector loads of B, MR broadcasts of a, {@code 2·MR} fused
     * multiply-adds.
     */
    private static void tile(float[] a, int aOff, float[] b, int bOff, int kc, float[] c, int cOff, int cRow,
            boolean accumulate) {
        int lanes = F.length();
        FloatVector c0a, c0b, c1a, c1b, c2a, c2b, c3a, c3b, c4a, c4b, c5a, c5b, c6a, c6b, c7a, c7b, c8a, c8b,
                c9a, c9b, c10a, c10b, c11a, c11b;
        if (accumulate) {
            c0a = FloatVector.fromArray(F, c, cOff);
            c0b = FloatVector.fromArray(F, c, cOff + lanes);
            c1a = FloatVector.fromArray(F, c, cOff + 1 * cRow);
            c1b = FloatVector.fromArray(F, c, cOff + 1 * cRow + lanes);
            c2a = FloatVector.fromArray(F, c, cOff + 2 * cRow);
            c2b = FloatVector.fromArray(F, c, cOff + 2 * cRow + lanes);
            c3a = FloatVector.fromArray(F, c, cOff + 3 * cRow);
            c3b = FloatVector.fromArray(F, c, cOff + 3 * cRow + lanes);
            c4a = FloatVector.fromArray(F, c, cOff + 4 * cRow);
            c4b = FloatVector.fromArray(F, c, cOff + 4 * cRow + lanes);
            c5a = FloatVector.fromArray(F, c, cOff + 5 * cRow);
            c5b = FloatVector.fromArray(F, c, cOff + 5 * cRow + lanes);
            c6a = FloatVector.fromArray(F, c, cOff + 6 * cRow);
            c6b = FloatVector.fromArray(F, c, cOff + 6 * cRow + lanes);
            c7a = FloatVector.fromArray(F, c, cOff + 7 * cRow);
            c7b = FloatVector.fromArray(F, c, cOff + 7 * cRow + lanes);
            c8a = FloatVector.fromArray(F, c, cOff + 8 * cRow);
            c8b = FloatVector.fromArray(F, c, cOff + 8 * cRow + lanes);
            c9a = FloatVector.fromArray(F, c, cOff + 9 * cRow);
            c9b = FloatVector.fromArray(F, c, cOff + 9 * cRow + lanes);
            c10a = FloatVector.fromArray(F, c, cOff + 10 * cRow);
            c10b = FloatVector.fromArray(F, c, cOff + 10 * cRow + lanes);
            c11a = FloatVector.fromArray(F, c, cOff + 11 * cRow);
            c11b = FloatVector.fromArray(F, c, cOff + 11 * cRow + lanes);
        } else {
            FloatVector zero = FloatVector.zero(F);
            c0a = c0b = zero; c1a = c1b = zero; c2a = c2b = zero;
            c3a = c3b = zero; c4a = c4b = zero; c5a = c5b = zero;
            c6a = c6b = zero; c7a = c7b = zero; c8a = c8b = zero;
            c9a = c9b = zero; c10a = c10b = zero; c11a = c11b = zero;
        }
        for (int k = 0; k < kc; k++) {
            int ak = aOff + k * MR, bk = bOff + k * Panels.WIDTH;
            FloatVector b0 = FloatVector.fromArray(F, b, bk);
            FloatVector b1 = FloatVector.fromArray(F, b, bk + lanes);
            FloatVector x0 = FloatVector.broadcast(F, a[ak + 0]);
            c0a = b0.fma(x0, c0a); c0b = b1.fma(x0, c0b);
            FloatVector x1 = FloatVector.broadcast(F, a[ak + 1]);
            c1a = b0.fma(x1, c1a); c1b = b1.fma(x1, c1b);
            FloatVector x2 = FloatVector.broadcast(F, a[ak + 2]);
            c2a = b0.fma(x2, c2a); c2b = b1.fma(x2, c2b);
            FloatVector x3 = FloatVector.broadcast(F, a[ak + 3]);
            c3a = b0.fma(x3, c3a); c3b = b1.fma(x3, c3b);
            FloatVector x4 = FloatVector.broadcast(F, a[ak + 4]);
            c4a = b0.fma(x4, c4a); c4b = b1.fma(x4, c4b);
            FloatVector x5 = FloatVector.broadcast(F, a[ak + 5]);
            c5a = b0.fma(x5, c5a); c5b = b1.fma(x5, c5b);
            FloatVector x6 = FloatVector.broadcast(F, a[ak + 6]);
            c6a = b0.fma(x6, c6a); c6b = b1.fma(x6, c6b);
            FloatVector x7 = FloatVector.broadcast(F, a[ak + 7]);
            c7a = b0.fma(x7, c7a); c7b = b1.fma(x7, c7b);
            FloatVector x8 = FloatVector.broadcast(F, a[ak + 8]);
            c8a = b0.fma(x8, c8a); c8b = b1.fma(x8, c8b);
            FloatVector x9 = FloatVector.broadcast(F, a[ak + 9]);
            c9a = b0.fma(x9, c9a); c9b = b1.fma(x9, c9b);
            FloatVector x10 = FloatVector.broadcast(F, a[ak + 10]);
            c10a = b0.fma(x10, c10a); c10b = b1.fma(x10, c10b);
            FloatVector x11 = FloatVector.broadcast(F, a[ak + 11]);
            c11a = b0.fma(x11, c11a); c11b = b1.fma(x11, c11b);
        }
        c0a.intoArray(c, cOff); c0b.intoArray(c, cOff + lanes);
        c1a.intoArray(c, cOff + 1 * cRow); c1b.intoArray(c, cOff + 1 * cRow + lanes);
        c2a.intoArray(c, cOff + 2 * cRow); c2b.intoArray(c, cOff + 2 * cRow + lanes);
        c3a.intoArray(c, cOff + 3 * cRow); c3b.intoArray(c, cOff + 3 * cRow + lanes);
        c4a.intoArray(c, cOff + 4 * cRow); c4b.intoArray(c, cOff + 4 * cRow + lanes);
        c5a.intoArray(c, cOff + 5 * cRow); c5b.intoArray(c, cOff + 5 * cRow + lanes);
        c6a.intoArray(c, cOff + 6 * cRow); c6b.intoArray(c, cOff + 6 * cRow + lanes);
        c7a.intoArray(c, cOff + 7 * cRow); c7b.intoArray(c, cOff + 7 * cRow + lanes);
        c8a.intoArray(c, cOff + 8 * cRow); c8b.intoArray(c, cOff + 8 * cRow + lanes);
        c9a.intoArray(c, cOff + 9 * cRow); c9b.intoArray(c, cOff + 9 * cRow + lanes);
        c10a.intoArray(c, cOff + 10 * cRow); c10b.intoArray(c, cOff + 10 * cRow + lanes);
        c11a.intoArray(c, cOff + 11 * cRow); c11b.intoArray(c, cOff + 11 * cRow + lanes);
    }

    /**
     * {@link #tile} for a tile of 8 rows (the last tiles of some row counts, {@link RowTiles}): the same chain per
     * output, fewer rows. A method of its own, not a parameter of {@link #tile}: a register-blocked kernel's rows
     * are its local variables, so each row count is its own code.
     */
    private static void eightRowTile(float[] a, int aOff, float[] b, int bOff, int kc, float[] c, int cOff,
            int cRow, boolean accumulate) {
        int lanes = F.length();
        FloatVector c0a, c0b, c1a, c1b, c2a, c2b, c3a, c3b, c4a, c4b, c5a, c5b, c6a, c6b, c7a, c7b;
        if (accumulate) {
            c0a = FloatVector.fromArray(F, c, cOff);
            c0b = FloatVector.fromArray(F, c, cOff + lanes);
            c1a = FloatVector.fromArray(F, c, cOff + 1 * cRow);
            c1b = FloatVector.fromArray(F, c, cOff + 1 * cRow + lanes);
            c2a = FloatVector.fromArray(F, c, cOff + 2 * cRow);
            c2b = FloatVector.fromArray(F, c, cOff + 2 * cRow + lanes);
            c3a = FloatVector.fromArray(F, c, cOff + 3 * cRow);
            c3b = FloatVector.fromArray(F, c, cOff + 3 * cRow + lanes);
            c4a = FloatVector.fromArray(F, c, cOff + 4 * cRow);
            c4b = FloatVector.fromArray(F, c, cOff + 4 * cRow + lanes);
            c5a = FloatVector.fromArray(F, c, cOff + 5 * cRow);
            c5b = FloatVector.fromArray(F, c, cOff + 5 * cRow + lanes);
            c6a = FloatVector.fromArray(F, c, cOff + 6 * cRow);
            c6b = FloatVector.fromArray(F, c, cOff + 6 * cRow + lanes);
            c7a = FloatVector.fromArray(F, c, cOff + 7 * cRow);
            c7b = FloatVector.fromArray(F, c, cOff + 7 * cRow + lanes);
        } else {
            FloatVector zero = FloatVector.zero(F);
            c0a = c0b = zero; c1a = c1b = zero; c2a = c2b = zero;
            c3a = c3b = zero; c4a = c4b = zero; c5a = c5b = zero;
            c6a = c6b = zero; c7a = c7b = zero;
        }
        for (int k = 0; k < kc; k++) {
            int ak = aOff + k * 8, bk = bOff + k * Panels.WIDTH;
            FloatVector b0 = FloatVector.fromArray(F, b, bk);
            FloatVector b1 = FloatVector.fromArray(F, b, bk + lanes);
            FloatVector x0 = FloatVector.broadcast(F, a[ak + 0]);
            c0a = b0.fma(x0, c0a); c0b = b1.fma(x0, c0b);
            FloatVector x1 = FloatVector.broadcast(F, a[ak + 1]);
            c1a = b0.fma(x1, c1a); c1b = b1.fma(x1, c1b);
            FloatVector x2 = FloatVector.broadcast(F, a[ak + 2]);
            c2a = b0.fma(x2, c2a); c2b = b1.fma(x2, c2b);
            FloatVector x3 = FloatVector.broadcast(F, a[ak + 3]);
            c3a = b0.fma(x3, c3a); c3b = b1.fma(x3, c3b);
            FloatVector x4 = FloatVector.broadcast(F, a[ak + 4]);
            c4a = b0.fma(x4, c4a); c4b = b1.fma(x4, c4b);
            FloatVector x5 = FloatVector.broadcast(F, a[ak + 5]);
            c5a = b0.fma(x5, c5a); c5b = b1.fma(x5, c5b);
            FloatVector x6 = FloatVector.broadcast(F, a[ak + 6]);
            c6a = b0.fma(x6, c6a); c6b = b1.fma(x6, c6b);
            FloatVector x7 = FloatVector.broadcast(F, a[ak + 7]);
            c7a = b0.fma(x7, c7a); c7b = b1.fma(x7, c7b);
        }
        c0a.intoArray(c, cOff); c0b.intoArray(c, cOff + lanes);
        c1a.intoArray(c, cOff + 1 * cRow); c1b.intoArray(c, cOff + 1 * cRow + lanes);
        c2a.intoArray(c, cOff + 2 * cRow); c2b.intoArray(c, cOff + 2 * cRow + lanes);
        c3a.intoArray(c, cOff + 3 * cRow); c3b.intoArray(c, cOff + 3 * cRow + lanes);
        c4a.intoArray(c, cOff + 4 * cRow); c4b.intoArray(c, cOff + 4 * cRow + lanes);
        c5a.intoArray(c, cOff + 5 * cRow); c5b.intoArray(c, cOff + 5 * cRow + lanes);
        c6a.intoArray(c, cOff + 6 * cRow); c6b.intoArray(c, cOff + 6 * cRow + lanes);
        c7a.intoArray(c, cOff + 7 * cRow); c7b.intoArray(c, cOff + 7 * cRow + lanes);
    }

    /** {@link #tile} for a tile of 6 rows (a last tile of at most 6 rows, {@link RowTiles}). */
    private static void sixRowTile(float[] a, int aOff, float[] b, int bOff, int kc, float[] c, int cOff,
            int cRow, boolean accumulate) {
        int lanes = F.length();
        FloatVector c0a, c0b, c1a, c1b, c2a, c2b, c3a, c3b, c4a, c4b, c5a, c5b;
        if (accumulate) {
            c0a = FloatVector.fromArray(F, c, cOff);
            c0b = FloatVector.fromArray(F, c, cOff + lanes);
            c1a = FloatVector.fromArray(F, c, cOff + 1 * cRow);
            c1b = FloatVector.fromArray(F, c, cOff + 1 * cRow + lanes);
            c2a = FloatVector.fromArray(F, c, cOff + 2 * cRow);
            c2b = FloatVector.fromArray(F, c, cOff + 2 * cRow + lanes);
            c3a = FloatVector.fromArray(F, c, cOff + 3 * cRow);
            c3b = FloatVector.fromArray(F, c, cOff + 3 * cRow + lanes);
            c4a = FloatVector.fromArray(F, c, cOff + 4 * cRow);
            c4b = FloatVector.fromArray(F, c, cOff + 4 * cRow + lanes);
            c5a = FloatVector.fromArray(F, c, cOff + 5 * cRow);
            c5b = FloatVector.fromArray(F, c, cOff + 5 * cRow + lanes);
        } else {
            FloatVector zero = FloatVector.zero(F);
            c0a = c0b = zero; c1a = c1b = zero; c2a = c2b = zero;
            c3a = c3b = zero; c4a = c4b = zero; c5a = c5b = zero;
        }
        for (int k = 0; k < kc; k++) {
            int ak = aOff + k * 6, bk = bOff + k * Panels.WIDTH;
            FloatVector b0 = FloatVector.fromArray(F, b, bk);
            FloatVector b1 = FloatVector.fromArray(F, b, bk + lanes);
            FloatVector x0 = FloatVector.broadcast(F, a[ak + 0]);
            c0a = b0.fma(x0, c0a); c0b = b1.fma(x0, c0b);
            FloatVector x1 = FloatVector.broadcast(F, a[ak + 1]);
            c1a = b0.fma(x1, c1a); c1b = b1.fma(x1, c1b);
            FloatVector x2 = FloatVector.broadcast(F, a[ak + 2]);
            c2a = b0.fma(x2, c2a); c2b = b1.fma(x2, c2b);
            FloatVector x3 = FloatVector.broadcast(F, a[ak + 3]);
            c3a = b0.fma(x3, c3a); c3b = b1.fma(x3, c3b);
            FloatVector x4 = FloatVector.broadcast(F, a[ak + 4]);
            c4a = b0.fma(x4, c4a); c4b = b1.fma(x4, c4b);
            FloatVector x5 = FloatVector.broadcast(F, a[ak + 5]);
            c5a = b0.fma(x5, c5a); c5b = b1.fma(x5, c5b);
        }
        c0a.intoArray(c, cOff); c0b.intoArray(c, cOff + lanes);
        c1a.intoArray(c, cOff + 1 * cRow); c1b.intoArray(c, cOff + 1 * cRow + lanes);
        c2a.intoArray(c, cOff + 2 * cRow); c2b.intoArray(c, cOff + 2 * cRow + lanes);
        c3a.intoArray(c, cOff + 3 * cRow); c3b.intoArray(c, cOff + 3 * cRow + lanes);
        c4a.intoArray(c, cOff + 4 * cRow); c4b.intoArray(c, cOff + 4 * cRow + lanes);
        c5a.intoArray(c, cOff + 5 * cRow); c5b.intoArray(c, cOff + 5 * cRow + lanes);
    }
}
