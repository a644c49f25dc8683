package org.tca4j.tca.config;

/** When the reservoir's class means start to serve as attention anchors. */
public enum AnchorGate {
    /** Once every class holds at least two entries (the reference: {@code len > 1} for all classes). */
    EVERY_CLASS_TWO,
    /** As soon as any class holds an entry; the anchor is then chosen among the classes that hold entries. */
    ANY_CLASS,
    /** Never: condensation and logit correction without anchors (an ablation). */
    NEVER
}
