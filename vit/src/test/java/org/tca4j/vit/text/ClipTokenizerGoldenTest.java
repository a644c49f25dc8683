package org.tca4j.vit.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tca4j.core.testing.TestData;

/**
 * Token ids against open_clip 2.32 (with the real ftfy 6.3.1): the 28 texts of {@code inputs/texts.txt} and the
 * 300 strings of {@code tokenizer/tokenizer_corpus.txt}. Every string must match, the five whose ids depend on
 * ftfy (texts 19-23: mojibake, curly quotes, ligatures, full-width forms, NFD) included.
 */
class ClipTokenizerGoldenTest {
    private static ClipTokenizer shared;

    /** The tokenizer of open_clip's merges file, built once per test run (it takes a few hundred ms). */
    static synchronized ClipTokenizer clipTokenizer() throws IOException {
        if (shared == null) {
            shared = ClipTokenizer.fromMergesFile(TestData.path("openclip/bpe_simple_vocab_16e6.txt.gz"));
        }
        return shared;
    }

    /** Lines split on {@code \n} only, as the golden README says (no {@code \r} or U+2028 splitting). */
    static List<String> lines(String relative) throws IOException {
        String all = Files.readString(TestData.path(relative), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Arrays.asList(all.split("\n", -1)));
        assertThat(lines.removeLast()).as("file ends with a newline").isEmpty();
        return lines;
    }

    private static void assertAllMatch(ClipTokenizer tokenizer, List<String> texts, String goldenNpy) {
        int[] golden = TestData.npy(goldenNpy).ints();
        assertThat(golden).hasSize(texts.size() * ClipTokenizer.CONTEXT_LENGTH);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            int[] expected = Arrays.copyOfRange(golden, i * 77, (i + 1) * 77);
            int[] actual = tokenizer.encode(texts.get(i));
            if (!Arrays.equals(expected, actual)) {
                mismatches.add("#" + i + " \"" + texts.get(i) + "\"\n  expected " + Arrays.toString(expected)
                        + "\n  actual   " + Arrays.toString(actual));
            }
        }
        assertThat(mismatches).as("strings whose ids differ from open_clip's").isEmpty();
    }

    @Test
    void everyGoldenTextMatchesOpenClip() throws IOException {
        List<String> texts = lines("openclip/inputs/texts.txt");
        assertThat(texts).hasSize(28);
        assertAllMatch(clipTokenizer(), texts, "openclip/inputs/tokens.npy");
    }

    @Test
    void everyCorpusStringMatchesOpenClip() throws IOException {
        List<String> texts = lines("openclip/tokenizer/tokenizer_corpus.txt");
        assertThat(texts).hasSize(300);
        assertAllMatch(clipTokenizer(), texts, "openclip/tokenizer/tokenizer_corpus_tokens.npy");
    }

    @Test
    void batchEncodingEqualsOneByOne() throws IOException {
        ClipTokenizer tokenizer = clipTokenizer();
        List<String> texts = lines("openclip/inputs/texts.txt");
        int[][] batch = tokenizer.encodeAll(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(batch[i]).as("text %d", i).containsExactly(tokenizer.encode(texts.get(i)));
        }
    }

    @Test
    void untruncatedCountsMatchTheManifest() throws IOException {
        ClipTokenizer tokenizer = clipTokenizer();
        List<String> texts = lines("openclip/inputs/texts.txt");
        // MANIFEST texts[].n_ids_untruncated minus the two special tokens, for the long text 27 and the empty 13.
        assertThat(tokenizer.textIds(texts.get(27))).hasSize(95 - 2);
        assertThat(tokenizer.textIds(texts.get(13))).isEmpty();
        // Text 18 holds a literal <end_of_text>: its id comes mid-sentence, at position 2 (MANIFEST eot_position).
        int[] ids = tokenizer.encode(texts.get(18));
        assertThat(ids[2]).isEqualTo(tokenizer.endOfText());
    }
}
