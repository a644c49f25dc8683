package org.tca4j.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenBLAS's {@code cblas_sgemm} called through {@code java.lang.foreign}, the peer the matmul benchmarks compare
 * against in the same JVM.
 *
 * <p>It loads Debian's {@code libopenblas0} ({@code libopenblas.so.0}, whichever variant the alternatives system
 * points at, else the pthread build). The environment variables {@code OPENBLAS_CORETYPE} and
 * {@code OPENBLAS_L2_SIZE} are left as the machine sets them; {@link #describe()} reports the core type OpenBLAS
 * chose, so a table can say which kernels it ran.
 */
public final class OpenBlas {
    /** CBLAS enum values. */
    static final int ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112;

    /** Where Debian installs the library; the first one that loads is used. */
    static final List<String> CANDIDATES = List.of(
            "libopenblas.so.0",
            "/usr/lib/x86_64-linux-gnu/libopenblas.so.0",
            "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0",
            "/usr/lib/aarch64-linux-gnu/libopenblas.so.0",
            "/usr/lib/aarch64-linux-gnu/openblas-pthread/libopenblas.so.0");

    private static final Linker LINKER = Linker.nativeLinker();

    private final String library;
    private final MethodHandle sgemm;
    private final MethodHandle setNumThreads;
    private final MethodHandle getNumThreads;
    private final MethodHandle getCorename;
    private final MethodHandle getConfig;

    private OpenBlas(String library, SymbolLookup lookup) {
        this.library = library;
        this.sgemm = LINKER.downcallHandle(find(lookup, "cblas_sgemm"), FunctionDescriptor.ofVoid(
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,  // order, transA, transB
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,  // M, N, K
                ValueLayout.JAVA_FLOAT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, // alpha, A, lda
                ValueLayout.ADDRESS, ValueLayout.JAVA_INT,                         // B, ldb
                ValueLayout.JAVA_FLOAT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT)); // beta, C, ldc
        this.setNumThreads = LINKER.downcallHandle(find(lookup, "openblas_set_num_threads"),
                FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT));
        this.getNumThreads = LINKER.downcallHandle(find(lookup, "openblas_get_num_threads"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT));
        this.getCorename = LINKER.downcallHandle(find(lookup, "openblas_get_corename"),
                FunctionDescriptor.of(ValueLayout.ADDRESS));
        this.getConfig = LINKER.downcallHandle(find(lookup, "openblas_get_config"),
                FunctionDescriptor.of(ValueLayout.ADDRESS));
    }

    /** Loads OpenBLAS for the life of the JVM; throws with an installation hint when it is missing. */
    public static OpenBlas load() {
        List<String> failures = new ArrayList<>();
        for (String candidate : CANDIDATES) {
            try {
                return new OpenBlas(candidate, SymbolLookup.libraryLookup(candidate, Arena.global()));
            } catch (IllegalArgumentException e) {
                failures.add(candidate + ": " + e.getMessage());
            }
        }
        throw new IllegalStateException("OpenBLAS not found (install Debian's libopenblas0: "
                + "apt-get install -y libopenblas0); tried " + failures);
    }

    private static MemorySegment find(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new IllegalStateException("OpenBLAS has no symbol " + name));
    }

    /** Sets the number of threads OpenBLAS uses for the following calls. */
    public void setThreads(int threads) {
        try {
            setNumThreads.invokeExact(threads);
        } catch (Throwable t) {
            throw new IllegalStateException("openblas_set_num_threads failed", t);
        }
    }

    /** The number of threads OpenBLAS will use. */
    public int threads() {
        try {
            return (int) getNumThreads.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("openblas_get_num_threads failed", t);
        }
    }

    /**
     * {@code c[M, N] = a[M, K]·b[N, K]ᵀ}, all row-major in native memory: the product {@code MatMul.matmul} computes
     * for a {@code Linear} weight b without bias.
     */
    public void sgemmAbt(int m, int n, int k, MemorySegment a, MemorySegment b, MemorySegment c) {
        try {
            sgemm.invokeExact(ROW_MAJOR, NO_TRANS, TRANS, m, n, k, 1f, a, k, b, k, 0f, c, n);
        } catch (Throwable t) {
            throw new IllegalStateException("cblas_sgemm failed", t);
        }
    }

    /** E.g. {@code OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY SkylakeX MAX_THREADS=64, core SkylakeX}. */
    public String describe() {
        return string(getConfig) + ", core " + string(getCorename) + ", from " + library
                + envNote("OPENBLAS_CORETYPE") + envNote("OPENBLAS_L2_SIZE");
    }

    /** The core type OpenBLAS's dynamic dispatch chose (or was told by {@code OPENBLAS_CORETYPE}). */
    public String corename() {
        return string(getCorename);
    }

    private static String envNote(String name) {
        String v = System.getenv(name);
        return v == null ? "" : ", " + name + "=" + v;
    }

    private static String string(MethodHandle returnsCString) {
        try {
            MemorySegment p = (MemorySegment) returnsCString.invokeExact();
            return p.equals(MemorySegment.NULL) ? "?" : p.reinterpret(4096).getString(0);
        } catch (Throwable t) {
            throw new IllegalStateException("OpenBLAS query failed", t);
        }
    }
}
