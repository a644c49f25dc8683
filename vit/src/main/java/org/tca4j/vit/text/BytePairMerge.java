package org.tca4j.vit.text;

import java.util.Arrays;

/**
 * Byte-pair merging of one pre-token: repeatedly merge the adjacent pair of lowest rank, every occurrence left to
 * right, until no adjacent pair has a rank.
 *
 * <p>Reference: open_clip {@code tokenizer.py}, {@code SimpleTokenizer.bpe}. {@link #reference} is that loop on
 * symbol ids (quadratic in the word length, fine for real words). {@link #withHeap} gives the same answer in
 * O(n log n) over a linked list of symbols and a heap of (rank, position) candidates; it is used for long
 * pre-tokens (a megabyte of letters without a space must not take hours) and only when the merge list is
 * well-founded, which makes the two equal: a merge then only creates pairs of higher rank than its own, so taking
 * pairs in (rank, position) order reproduces the reference's rank-by-rank, left-to-right rounds.
 *
 * <p>Deviations from the reference: symbols are vocabulary ids rather than strings; long pre-tokens with a
 * well-founded merge list take {@link #withHeap} instead of the reference's loop (same merges, different cost); the
 * per-word cache lives in {@link ClipTokenizer}.
 */
final class BytePairMerge {
    /** Words up to this many symbols take the reference loop, which is cheaper for them. */
    private static final int HEAP_THRESHOLD = 24;

    private BytePairMerge() {}

    /** The merged symbol ids of one word; {@code symbols} is not modified. */
    static int[] merge(Vocabulary vocab, int[] symbols) {
        return symbols.length > HEAP_THRESHOLD && vocab.wellFounded()
                ? withHeap(vocab, symbols)
                : reference(vocab, symbols);
    }

    /** The reference's loop: find the lowest-ranked pair, merge all its non-overlapping occurrences, repeat. */
    static int[] reference(Vocabulary vocab, int[] symbols) {
        int[] word = symbols.clone();
        int n = word.length;
        while (n > 1) {
            int best = -1;
            for (int i = 0; i + 1 < n; i++) {
                int r = vocab.rank(word[i], word[i + 1]);
                if (r >= 0 && (best < 0 || r < best)) {
                    best = r;
                }
            }
            if (best < 0) {
                break;
            }
            int merged = vocab.mergedId(best);
            int out = 0;
            for (int i = 0; i < n; ) {
                if (i + 1 < n && vocab.rank(word[i], word[i + 1]) == best) {
                    word[out++] = merged;
                    i += 2;
                } else {
                    word[out++] = word[i++];
                }
            }
            n = out;
        }
        return Arrays.copyOf(word, n);
    }

    /** The same merges through a candidate heap; requires {@link Vocabulary#wellFounded()}. */
    static int[] withHeap(Vocabulary vocab, int[] symbols) {
        int n = symbols.length;
        int[] sym = symbols.clone();
        int[] next = new int[n];
        int[] prev = new int[n];
        for (int i = 0; i < n; i++) {
            next[i] = i + 1 < n ? i + 1 : -1;
            prev[i] = i - 1;
        }
        CandidateHeap heap = new CandidateHeap(Math.max(16, n));
        for (int i = 0; i + 1 < n; i++) {
            heap.offer(vocab.rank(sym[i], sym[i + 1]), i);
        }
        int alive = n;
        while (!heap.isEmpty()) {
            long top = heap.poll();
            int rank = (int) (top >>> 32), p = (int) top;
            int q = next[p];
            // Skip candidates made stale by an earlier merge: p was absorbed, or its right neighbour changed.
            if (sym[p] < 0 || q < 0 || vocab.rank(sym[p], sym[q]) != rank) {
                continue;
            }
            sym[p] = vocab.mergedId(rank);
            sym[q] = -1;
            next[p] = next[q];
            if (next[q] >= 0) {
                prev[next[q]] = p;
            }
            alive--;
            if (prev[p] >= 0) {
                heap.offer(vocab.rank(sym[prev[p]], sym[p]), prev[p]);
            }
            if (next[p] >= 0) {
                heap.offer(vocab.rank(sym[p], sym[next[p]]), p);
            }
        }
        int[] out = new int[alive];
        for (int i = 0, k = 0; i >= 0; i = next[i]) {
            out[k++] = sym[i];
        }
        return out;
    }

    /** A binary min-heap of {@code rank << 32 | position}; ranks below zero (no merge) are not stored. */
    private static final class CandidateHeap {
        private long[] items;
        private int size;

        CandidateHeap(int capacity) {
            items = new long[capacity];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void offer(int rank, int position) {
            if (rank < 0) {
                return;
            }
            if (size == items.length) {
                items = Arrays.copyOf(items, items.length * 2);
            }
            long item = ((long) rank << 32) | position;
            int i = size++;
            while (i > 0 && items[(i - 1) >>> 1] > item) {
                items[i] = items[(i - 1) >>> 1];
                i = (i - 1) >>> 1;
            }
            items[i] = item;
        }

        long poll() {
            long top = items[0];
            long last = items[--size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && items[child + 1] < items[child]) {
                    child++;
                }
                if (items[child] >= last) {
                    break;
                }
                items[i] = items[child];
                i = child;
            }
            items[i] = last;
            return top;
        }
    }
}
