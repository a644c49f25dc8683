package org.tca4j.vit.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoding with a hand-made merge list: tokens of byte stand-ins decode, any other character is an error. */
class ClipTokenizerDecodeTest {
    /** Ids 0..511 are the byte symbols; the merges follow in order, then the two special tokens. */
    private static final int FIRST_MERGE_ID = 512;

    @Test
    void tokensOfByteStandInsDecodeToTheirText() {
        ClipTokenizer tokenizer = ClipTokenizer.fromMerges(List.of("h i</w>", "€ a"));
        assertThat(tokenizer.decode(tokenizer.textIds("hi hi"))).isEqualTo("hi hi ");
    }

    @Test
    void tokenWithACharacterThatStandsForNoByteIsRefusedNamingTheId() {
        // '€' (U+20AC) is none of the 256 byte stand-ins: the merge "€ a" never applies, but its token has an id.
        ClipTokenizer tokenizer = ClipTokenizer.fromMerges(List.of("h i</w>", "€ a"));
        int euroA = FIRST_MERGE_ID + 1;
        int[] ids = tokenizer.textIds("hi");
        assertThatThrownBy(() -> tokenizer.decode(new int[] {ids[0], euroA}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token id " + euroA).hasMessageContaining("U+20AC");
    }
}
