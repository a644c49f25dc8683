/** Tensors, SIMD kernels with their scalar definitions, and FLOP accounting. Knows nothing of CLIP. */
module org.tca4j.core {
    requires transitive jdk.incubator.vector;

    exports org.tca4j.core.tensor;
    exports org.tca4j.core.simd;
    exports org.tca4j.core.kernels;
    exports org.tca4j.core.flops;
}
