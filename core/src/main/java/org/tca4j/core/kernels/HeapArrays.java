package org.tca4j.core.kernels;

import java.lang.foreign.MemorySegment;

/**
 * The {@code float[]} under a heap segment, for kernels that read and write through arrays: C2 compiles the Vector
 * API's array accesses to plain vector loads and stores, while segment accesses in large methods, or at call sites
 * that see both heap and native memory, were left as calls that box vectors or run lane by lane.
 */
final class HeapArrays {
    private HeapArrays() {}

    /** The float array under a heap segment over a {@code float[]}, or null (native memory or another array type). */
    static float[] array(MemorySegment s) {
        return s.isNative() ? null : s.heapBase().orElse(null) instanceof float[] array ? array : null;
    }

    /** The index in {@link #array} of the float at byte {@code offset} of the heap segment s. */
    static int index(MemorySegment s, long offset) {
        return Math.toIntExact((s.address() + offset) / 4);
    }
}
