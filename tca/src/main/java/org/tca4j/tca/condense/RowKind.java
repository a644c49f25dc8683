package org.tca4j.tca.condense;

/** What an output row of a condensation block is. */
public enum RowKind {
    /** The {@code <cls>} token, copied. */
    CLS,
    /** One input token, copied. */
    KEPT,
    /** A merge of several tokens (a TCA coreset centre, a ToMe destination with merged sources). */
    MERGED,
    /** The attention-weighted sum of the lowest-ranked tokens (TCA, EViT). */
    FUSED
}
