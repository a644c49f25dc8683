package org.tca4j.vit.io;

import java.util.List;
import java.util.Objects;

/**
 * What OpenCLIP's byte-level BPE tokenizer needs, as stored in the model file.
 *
 * @param merges the merge rules in rank order, each {@code "left right"}
 * @param vocabulary token strings by id (49408 for CLIP)
 * @param sotId the {@code <start_of_text>} id (49406)
 * @param eotId the {@code <end_of_text>} id (49407)
 */
public record TokenizerData(List<String> merges, List<String> vocabulary, int sotId, int eotId) {
    public TokenizerData {
        merges = List.copyOf(Objects.requireNonNull(merges, "merges"));
        vocabulary = List.copyOf(Objects.requireNonNull(vocabulary, "vocabulary"));
        if (sotId < 0 || sotId >= vocabulary.size() || eotId < 0 || eotId >= vocabulary.size() || sotId == eotId) {
            throw new IllegalArgumentException("special token ids " + sotId + "/" + eotId + " are not two distinct ids of a "
                    + vocabulary.size() + "-token vocabulary");
        }
        for (String token : vocabulary) {
            if (token.isEmpty() || token.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("vocabulary entry '" + token + "' is empty or holds a newline");
            }
        }
        for (String merge : merges) {
            int space = merge.indexOf(' ');
            if (space <= 0 || space == merge.length() - 1 || merge.indexOf(' ', space + 1) >= 0 || merge.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("merge rule '" + merge + "' is not 'left right'");
            }
        }
    }

    @Override
    public String toString() {
        return "TokenizerData[" + merges.size() + " merges, " + vocabulary.size() + " tokens, sot " + sotId + ", eot "
                + eotId + "]";
    }
}
