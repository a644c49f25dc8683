package org.tca4j.vit.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Texts far beyond 77 tokens: {@link ClipTokenizer#encode} stops early, a chunk of lines at a time, and must still
 * equal the full tokenization truncated as the reference truncates it.
 */
class LongTextTest {
    private static final String[] FRAGMENTS = {
        "ΟΔΥΣΣΕΥΣ", "ΑΣ", "&amp;amp;amp;", "&lt;b&gt;", "<b>bold</b>", "schÃ¶ne GrÃ¼ÃŸe", "ﬁsh", "ＣＬＩＰ",
        "“quoted”", "cafe\u0301", "word", "", "\r", "\t", "x&notit;", "<end_of_text>", "İstanbul", "123,456",
    };

    /** The reference's framing of complete ids: SOT + ids + EOT, cut to 77 with EOT last, zero padded. */
    private static int[] referenceFrame(ClipTokenizer tokenizer, int[] textIds) {
        int[] all = new int[textIds.length + 2];
        all[0] = tokenizer.startOfText();
        System.arraycopy(textIds, 0, all, 1, textIds.length);
        all[all.length - 1] = tokenizer.endOfText();
        int[] framed = Arrays.copyOf(all, ClipTokenizer.CONTEXT_LENGTH);
        if (all.length > ClipTokenizer.CONTEXT_LENGTH) {
            framed[ClipTokenizer.CONTEXT_LENGTH - 1] = tokenizer.endOfText();
        }
        return framed;
    }

    @Test
    void chunkedEarlyStopEqualsFullTokenization() throws IOException {
        ClipTokenizer tokenizer = ClipTokenizerGoldenTest.clipTokenizer();
        for (long seed = 1; seed <= 8; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            StringBuilder text = new StringBuilder();
            // Whitespace-padded lines push the 75th id past the first 16K-character chunk.
            while (text.length() < 60_000) {
                text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]).append(' ')
                        .append(FRAGMENTS[random.nextInt(FRAGMENTS.length)])
                        .append(" ".repeat(random.nextInt(1500))).append('\n');
            }
            String s = text.toString();
            assertThat(tokenizer.encode(s)).as("seed %d", seed)
                    .containsExactly(referenceFrame(tokenizer, tokenizer.textIds(s)));
        }
    }

    @Test
    void tenMegabytesOfTextStopsAfterTheContextIsFull() throws IOException {
        ClipTokenizer tokenizer = ClipTokenizerGoldenTest.clipTokenizer();
        String line = "On a bright and windy afternoon, a small red bicycle leaned against the wall.\n";
        String huge = line.repeat(10_000_000 / line.length());
        String prefix = line.repeat(10);
        assertThat(tokenizer.encode(huge)).containsExactly(referenceFrame(tokenizer, tokenizer.textIds(prefix)));
    }

    @Test
    void aMegabyteLongWordIsMergedWithoutQuadraticTime() throws IOException {
        ClipTokenizer tokenizer = ClipTokenizerGoldenTest.clipTokenizer();
        int[] ids = tokenizer.encode("ab".repeat(500_000));
        assertThat(ids[0]).isEqualTo(tokenizer.startOfText());
        assertThat(ids[76]).isEqualTo(tokenizer.endOfText());
        String body = tokenizer.decode(Arrays.copyOfRange(ids, 1, 76));
        assertThat(body).matches("(ab)+a?");
    }

    @Test
    void emptyAndBlankTextsAreJustTheFrame() throws IOException {
        ClipTokenizer tokenizer = ClipTokenizerGoldenTest.clipTokenizer();
        int[] expected = new int[77];
        expected[0] = 49406;
        expected[1] = 49407;
        assertThat(tokenizer.encode("")).containsExactly(expected);
        assertThat(tokenizer.encode(" \n\t\u3000\u00a0 ")).containsExactly(expected);
    }
}
