/** Token Condensation as Adaptation, its baselines, the context token reservoir, the online loop and the CLI. */
module org.tca4j.tca {
    requires transitive org.tca4j.vit;
    requires java.desktop;

    exports org.tca4j.tca.adapt;
    exports org.tca4j.tca.baselines;
    exports org.tca4j.tca.cli;
    exports org.tca4j.tca.condense;
    exports org.tca4j.tca.config;
    exports org.tca4j.tca.data;
    exports org.tca4j.tca.eval;
    exports org.tca4j.tca.reservoir;
    exports org.tca4j.tca.shift;
}
