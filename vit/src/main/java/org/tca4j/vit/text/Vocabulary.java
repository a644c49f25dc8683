package org.tca4j.vit.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CLIP BPE vocabulary and merge table, derived from the merge list alone.
 *
 * <p>Reference: open_clip {@code tokenizer.py}, {@code SimpleTokenizer.__init__}. Ids are assigned in this order:
 * the 256 byte stand-ins (in {@link ByteLevel} order), the same 256 with {@code </w>} appended (end of word),
 * one token per merge (the two parts concatenated), then {@code <start_of_text>} and {@code <end_of_text>}.
 * When a string occurs twice the later id wins, as in the reference's {@code dict(zip(vocab, range(...)))}; a
 * merge line repeated later likewise takes the later rank.
 *
 * <p>Deviations from the reference:
 * <ul>
 *   <li>merges are ranked by pairs of symbol ids, not pairs of strings; a merge whose parts are not tokens is left
 *       out of the table (no word can contain its pair, so nothing changes);</li>
 *   <li>only the two standard special tokens; open_clip's {@code special_tokens} argument is not ported;</li>
 *   <li>{@link #token} answers every id; the reference's {@code decoder} inverts the token-to-id dict, so an id
 *       whose string occurs again later is missing from it and decoding it raises {@code KeyError};</li>
 *   <li>the 512 byte symbols keep ids 0..511 even if a merge later produces the same string, where the
 *       reference's string lookups would give the merge's id. CLIP's merge list repeats no string (its 49,408
 *       tokens were checked to be distinct), so its ids are unaffected.</li>
 * </ul>
 */
final class Vocabulary {
    static final String START_OF_TEXT = "<start_of_text>";
    static final String END_OF_TEXT = "<end_of_text>";
    static final String END_OF_WORD = "</w>";

    private final String[] tokens;
    private final Map<String, Integer> ids;
    /** {@code (left, right)} symbol ids to merge rank. */
    private final PairTable ranks;
    /** Symbol id produced by the merge of each rank, or -1 when the merge can never apply. */
    private final int[] mergedId;
    /** True when every merge's parts are made only by earlier merges (what the fast BPE path requires). */
    private final boolean wellFounded;

    Vocabulary(List<String[]> merges) {
        List<String> list = new ArrayList<>(512 + merges.size() + 2);
        for (int s = 0; s < 256; s++) {
            list.add(String.valueOf(ByteLevel.charOf(s)));
        }
        for (int s = 0; s < 256; s++) {
            list.add(ByteLevel.charOf(s) + END_OF_WORD);
        }
        for (String[] m : merges) {
            list.add(m[0] + m[1]);
        }
        list.add(START_OF_TEXT);
        list.add(END_OF_TEXT);
        tokens = list.toArray(String[]::new);
        ids = new HashMap<>(tokens.length * 2);
        for (int id = 0; id < tokens.length; id++) {
            ids.put(tokens[id], id);
        }
        ranks = new PairTable(merges.size());
        mergedId = new int[merges.size()];
        for (int rank = 0; rank < merges.size(); rank++) {
            String[] m = merges.get(rank);
            Integer left = ids.get(m[0]), right = ids.get(m[1]);
            // A merge whose parts are not tokens can never see its pair in a word: it only takes up an id.
            mergedId[rank] = left == null || right == null ? -1 : ids.get(m[0] + m[1]);
            if (mergedId[rank] >= 0) {
                ranks.put(left, right, rank);
            }
        }
        wellFounded = checkWellFounded(merges);
    }

    /**
     * Whether the pair-heap BPE gives the reference's answer: every merge's parts must be produced only by merges
     * of lower rank (or be single bytes), so a merge never creates a pair that outranks the merges still pending.
     */
    private boolean checkWellFounded(List<String[]> merges) {
        int[] lastRankMaking = new int[tokens.length];
        java.util.Arrays.fill(lastRankMaking, -1);
        for (int rank = 0; rank < merges.size(); rank++) {
            if (mergedId[rank] >= 0) {
                lastRankMaking[mergedId[rank]] = rank;
            }
        }
        for (int rank = 0; rank < merges.size(); rank++) {
            if (mergedId[rank] < 0) {
                continue;
            }
            String[] m = merges.get(rank);
            if (lastRankMaking[ids.get(m[0])] >= rank || lastRankMaking[ids.get(m[1])] >= rank) {
                return false;
            }
        }
        return true;
    }

    int size() {
        return tokens.length;
    }

    String token(int id) {
        return tokens[id];
    }

    /** The id of a token string, or -1. */
    int id(String token) {
        Integer id = ids.get(token);
        return id == null ? -1 : id;
    }

    /** The merge rank of two adjacent symbols, or -1 when they never merge. */
    int rank(int left, int right) {
        return ranks.get(left, right);
    }

    int mergedId(int rank) {
        return mergedId[rank];
    }

    boolean wellFounded() {
        return wellFounded;
    }
}
