package org.tca4j.vit.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The heap BPE (long words) against the reference loop, on CLIP's merges and on a hand-made list. */
class BytePairMergeTest {
    private static Vocabulary clipVocabulary() throws IOException {
        // Reach the package-private vocabulary through the public loader's merges.
        return ClipTokenizerGoldenTest.clipTokenizer().vocabularyForTests();
    }

    @Test
    void clipMergesAreWellFoundedSoLongWordsTakeTheHeapPath() throws IOException {
        assertThat(clipVocabulary().wellFounded()).isTrue();
        assertThat(clipVocabulary().size()).isEqualTo(49408);
    }

    @Test
    void heapEqualsReferenceOnSeededWords() throws IOException {
        Vocabulary vocab = clipVocabulary();
        long seed = 4242;
        SplittableRandom random = new SplittableRandom(seed);
        String alphabet = "aeiourstlnmhcdgpbkw'é";
        for (int trial = 0; trial < 300; trial++) {
            int length = 1 + random.nextInt(trial < 200 ? 40 : 400);
            StringBuilder word = new StringBuilder();
            for (int i = 0; i < length; i++) {
                word.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            int[] symbols = symbols(word.toString());
            assertThat(BytePairMerge.withHeap(vocab, symbols))
                    .as("seed %d trial %d word %s", seed, trial, word)
                    .containsExactly(BytePairMerge.reference(vocab, symbols));
        }
    }

    @Test
    void repeatedPairsMergeLeftToRightWithoutOverlap() {
        // Merges "a a" then "aa a": "aaaaa" -> (aa)(aa)(a</w>) in the first round, the reference's pairing order.
        Vocabulary vocab = new Vocabulary(List.of(new String[] {"a", "a"}, new String[] {"aa", "aa"}));
        int[] symbols = {ByteLevel.symbolOf('a'), ByteLevel.symbolOf('a'), ByteLevel.symbolOf('a'),
                         ByteLevel.symbolOf('a'), ByteLevel.symbolOf('a') + 256};
        int[] expected = {vocab.id("aaaa"), ByteLevel.symbolOf('a') + 256};
        assertThat(BytePairMerge.reference(vocab, symbols)).containsExactly(expected);
        assertThat(BytePairMerge.withHeap(vocab, symbols)).containsExactly(expected);
    }

    static int[] symbols(String word) {
        byte[] utf8 = word.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int[] s = new int[utf8.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = ByteLevel.symbolOf(utf8[i] & 0xFF);
        }
        s[s.length - 1] += 256;
        return s;
    }
}
