package org.tca4j.vit.text;

/**
 * CLIP's text cleaning, as open_clip's {@code SimpleTokenizer} with {@code clean='lower'} does it: ftfy's
 * {@code fix_text} (the subset in {@link TextRepair}), {@code html.unescape} twice, whitespace collapsed to
 * single spaces, and Python's {@code lower()}.
 *
 * <p>Reference: open_clip {@code tokenizer.py}, {@code basic_clean}, {@code whitespace_clean},
 * {@code _clean_lower}. Every step is local to a line: no HTML reference spans a line break, ftfy works line by line,
 * and a line break is whitespace, so a text can be cleaned (and tokenized) a chunk of whole lines at a time and
 * stop early. {@link #cleanChunk} carries the one piece of state ftfy keeps between lines.
 *
 * <p>Deviations from the reference: ftfy's {@code fix_text} is the subset {@link TextRepair} implements (it lists
 * what differs); text may be cleaned a chunk of whole lines at a time, which gives the same result as above.
 */
final class TextCleaner {
    private final TextRepair repair = new TextRepair();

    /** Cleans a whole text. */
    static String clean(String text) {
        return new TextCleaner().cleanChunk(text);
    }

    /**
     * Cleans the next chunk of one text; chunks must be fed in order and end just after a {@code \n} (except the
     * last). The cleaned chunks, joined with a space, equal the cleaning of the whole text up to whitespace runs.
     */
    String cleanChunk(String chunk) {
        StringBuilder repaired = new StringBuilder(chunk.length());
        int start = 0;
        while (start < chunk.length()) {
            int end = chunk.indexOf('\n', start);
            end = end < 0 ? chunk.length() : end + 1;
            repaired.append(repair.repairLine(chunk.substring(start, end)));
            start = end;
        }
        String text = HtmlUnescape.unescape(HtmlUnescape.unescape(repaired.toString()));
        return PythonText.lower(PythonText.collapseWhitespace(text));
    }
}
