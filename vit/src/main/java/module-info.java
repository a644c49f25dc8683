/** OpenCLIP's vision and text towers, tokenizer, preprocessing and model file; offers the condensation hook. */
module org.tca4j.vit {
    requires transitive org.tca4j.core;
    requires java.desktop;

    exports org.tca4j.vit.config;
    exports org.tca4j.vit.condense;
}
