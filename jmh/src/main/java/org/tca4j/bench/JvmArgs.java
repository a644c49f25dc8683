package org.tca4j.bench;

/** The JVM flags of the benchmark forks, as constants so the {@code @Fork} annotations can share them. */
final class JvmArgs {
    /** The Vector API is an incubator module. */
    static final String VECTOR = "--add-modules=jdk.incubator.vector";
    /** OpenBLAS is called through {@code java.lang.foreign}. */
    static final String NATIVE = "--enable-native-access=ALL-UNNAMED";
    /** The collector the {@code tca4j} launcher uses. */
    static final String GC = "-XX:+UseParallelGC";
    /** Every kernel runs its scalar definition. */
    static final String SCALAR = "-Dtca4j.vectorBits=0";
    /** Vector kernels at 256 bits (AVX2 width). */
    static final String BITS_256 = "-Dtca4j.vectorBits=256";

    private JvmArgs() {}
}
