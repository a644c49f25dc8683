/** OpenCLIP's vision and text towers, tokenizer, preprocessing and model file; offers the condensation hook. */
module org.tca4j.vit {
    requires transitive org.tca4j.core;
    requires java.desktop;
    // FlatBuffers' Java runtime (automatic module); the runtime JARs shade it under org.tca4j.shaded.flatbuffers.
    requires flatbuffers.java;

    exports org.tca4j.vit.config;
    exports org.tca4j.vit.condense;
    exports org.tca4j.vit.io;
    exports org.tca4j.vit.weights;
    exports org.tca4j.vit.model;
    exports org.tca4j.vit.text;
    exports org.tca4j.vit.image;
}
