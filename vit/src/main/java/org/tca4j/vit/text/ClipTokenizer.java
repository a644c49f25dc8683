package org.tca4j.vit.text;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * CLIP's byte-level BPE tokenizer, giving the same ids as open_clip's {@code SimpleTokenizer} (the default
 * {@code open_clip.tokenize}).
 *
 * <p>Reference: open_clip v2.32 {@code src/open_clip/tokenizer.py} ({@code SimpleTokenizer}, {@code tokenize}).
 * Steps: clean the text ({@link TextCleaner}: ftfy subset, HTML unescaping, whitespace, lower case), split it with
 * CLIP's pre-tokenizer pattern, encode each piece's UTF-8 bytes as byte symbols, merge them with the BPE ranks,
 * then frame the ids as {@code [<start_of_text>] + ids + [<end_of_text>]}, truncated to the context length with
 * the last id forced to {@code <end_of_text>}, and padded with zeros.
 *
 * <p>Deviations from the reference: the ftfy repairs are a subset ({@link TextRepair} lists what differs); the
 * pre-tokenizer uses Java's Unicode tables (Unicode 16) where the reference's {@code regex} module has its own.
 * Long texts are cleaned and tokenized a chunk of whole lines at a time, stopping once the context is full; the
 * ids are the same as when the whole text is processed. Instances are immutable and thread-safe.
 */
public final class ClipTokenizer {
    /** open_clip's context length. */
    public static final int CONTEXT_LENGTH = 77;
    /** Merges the reference takes from {@code bpe_simple_vocab_16e6.txt}: {@code 49152 - 256 - 2}. */
    public static final int CLIP_MERGE_COUNT = 49152 - 256 - 2;

    /** CLIP's pre-tokenizer, case-insensitive like the reference's {@code regex.IGNORECASE}. */
    private static final Pattern PRE_TOKENIZER = Pattern.compile(
            "<start_of_text>|<end_of_text>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Lines of text cleaned and tokenized at a time, so a huge text stops early. */
    private static final int CHUNK_CHARS = 1 << 14;
    private static final int CACHE_LIMIT = 100_000;
    private static final int CACHED_TOKEN_CHARS = 64;

    private final Vocabulary vocab;
    private final int startOfText;
    private final int endOfText;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    private ClipTokenizer(Vocabulary vocab) {
        this.vocab = vocab;
        this.startOfText = vocab.id(Vocabulary.START_OF_TEXT);
        this.endOfText = vocab.id(Vocabulary.END_OF_TEXT);
    }

    /**
     * A tokenizer from merge lines, each two symbols separated by one space ({@code "i n"}), highest priority
     * first, all of them used (a model file stores exactly the merges of its vocabulary). Blank lines are ignored.
     *
     * @throws IllegalArgumentException when a line is not two symbols
     */
    public static ClipTokenizer fromMerges(List<String> mergeLines) {
        List<String[]> merges = new ArrayList<>(mergeLines.size());
        for (int i = 0; i < mergeLines.size(); i++) {
            String line = mergeLines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.strip().split(" ");
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new IllegalArgumentException("BPE merge " + (i + 1) + " is not two symbols separated by a space: \""
                        + line + "\"");
            }
            merges.add(parts);
        }
        return new ClipTokenizer(new Vocabulary(merges));
    }

    /**
     * A tokenizer from the reference's merges file ({@code bpe_simple_vocab_16e6.txt}, gzipped or not): a header
     * line containing {@code #version}, then merges, of which the reference uses the first {@link #CLIP_MERGE_COUNT}.
     */
    public static ClipTokenizer fromMergesFile(InputStream in) throws IOException {
        var buffered = new BufferedInputStream(in);
        buffered.mark(2);
        boolean gzip = buffered.read() == 0x1F && buffered.read() == 0x8B;
        buffered.reset();
        InputStream raw = gzip ? new GZIPInputStream(buffered) : buffered;
        var reader = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8));
        String header = reader.readLine();
        // The reference skips the first line unseen; OpenAI's copy reads "\"bpe_simple_vocab_16e6.txt#version: 0.2".
        if (header == null || !header.contains("#version")) {
            throw new IOException("not a CLIP BPE merges file: the first line should be a #version header, found \""
                    + header + "\"");
        }
        List<String> lines = new ArrayList<>(CLIP_MERGE_COUNT);
        for (String line; lines.size() < CLIP_MERGE_COUNT && (line = reader.readLine()) != null; ) {
            lines.add(line);
        }
        try {
            return fromMerges(lines);
        } catch (IllegalArgumentException e) {
            throw new IOException("bad CLIP BPE merges file: " + e.getMessage(), e);
        }
    }

    /** {@link #fromMergesFile(InputStream)} on a file. */
    public static ClipTokenizer fromMergesFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return fromMergesFile(in);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Tokens in the vocabulary (49,408 for CLIP): 512 byte symbols, the merges, the two special tokens. */
    public int vocabularySize() {
        return vocab.size();
    }

    /** The id of {@code <start_of_text>} (49406 for CLIP). */
    public int startOfText() {
        return startOfText;
    }

    /** The id of {@code <end_of_text>} (49407 for CLIP); the text tower pools at its first occurrence. */
    public int endOfText() {
        return endOfText;
    }

    /** The vocabulary, for this package's tests. */
    Vocabulary vocabularyForTests() {
        return vocab;
    }

    /** {@link #encode(String, int)} with the context length 77. */
    public int[] encode(String text) {
        return encode(text, CONTEXT_LENGTH);
    }

    /**
     * The framed, truncated and zero-padded ids of one text: exactly {@code contextLength} ids, the first
     * {@code <start_of_text>}, the last non-zero one {@code <end_of_text>}.
     */
    public int[] encode(String text, int contextLength) {
        if (contextLength < 2) {
            throw new IllegalArgumentException("context length must be at least 2, got " + contextLength);
        }
        int[] ids = new int[contextLength];
        ids[0] = startOfText;
        int count = appendTextIds(text, ids, 1, contextLength - 2);
        ids[1 + count] = endOfText;
        return ids;
    }

    /** {@link #encode(String)} for each text: an array of {@code texts.size()} rows of 77 ids. */
    public int[][] encodeAll(List<String> texts) {
        int[][] out = new int[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = encode(texts.get(i));
        }
        return out;
    }

    /** All BPE ids of a text, without framing or truncation (the reference's {@code SimpleTokenizer.encode}). */
    public int[] textIds(String text) {
        int[] ids = new int[64];
        int count = 0;
        for (String token : preTokens(TextCleaner.clean(text))) {
            int[] piece = tokenIds(token);
            if (count + piece.length > ids.length) {
                ids = Arrays.copyOf(ids, Math.max(ids.length * 2, count + piece.length));
            }
            System.arraycopy(piece, 0, ids, count, piece.length);
            count += piece.length;
        }
        return Arrays.copyOf(ids, count);
    }

    /**
     * The reference's {@code decode}: the tokens' bytes as UTF-8 (invalid sequences become U+FFFD), with each
     * end-of-word mark turned into a space. Padding zeros decode as {@code !}, as in the reference.
     *
     * @throws IllegalArgumentException when an id is outside the vocabulary, or its token holds a character that
     *     stands for no byte (a merge list may contain one; the reference raises {@code KeyError})
     */
    public String decode(int[] ids) {
        var bytes = new ByteArrayOutputStream();
        for (int id : ids) {
            if (id < 0 || id >= vocab.size()) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of " + vocab.size());
            }
            writeTokenBytes(id, bytes);
        }
        return bytes.toString(StandardCharsets.UTF_8).replace(Vocabulary.END_OF_WORD, " ");
    }

    /** The bytes that the characters of token {@code id} stand for. */
    private void writeTokenBytes(int id, ByteArrayOutputStream bytes) {
        String token = vocab.token(id);
        for (char c : token.toCharArray()) {
            int b = ByteLevel.byteOfChar(c);
            if (b < 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "token id %d (\"%s\") holds U+%04X, which stands for no byte, so it has no text",
                        id, token, (int) c));
            }
            bytes.write(b);
        }
    }

    /** Writes at most {@code capacity} ids of the text at {@code ids[from...]}; returns how many it wrote. */
    private int appendTextIds(String text, int[] ids, int from, int capacity) {
        TextCleaner cleaner = new TextCleaner();
        int count = 0;
        for (int start = 0; start < text.length() && count < capacity; ) {
            int newline = text.indexOf('\n', Math.min(text.length(), start + CHUNK_CHARS));
            int end = newline < 0 ? text.length() : newline + 1;
            Matcher m = PRE_TOKENIZER.matcher(cleaner.cleanChunk(text.substring(start, end)));
            while (count < capacity && m.find()) {
                int[] piece = tokenIds(m.group());
                int n = Math.min(piece.length, capacity - count);
                System.arraycopy(piece, 0, ids, from + count, n);
                count += n;
            }
            start = end;
        }
        return count;
    }

    private static List<String> preTokens(String cleaned) {
        List<String> tokens = new ArrayList<>();
        Matcher m = PRE_TOKENIZER.matcher(cleaned);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    /** The BPE ids of one pre-token (a special token maps to its own id, as the reference's cache seeds it). */
    private int[] tokenIds(String token) {
        if (token.equals(Vocabulary.START_OF_TEXT)) {
            return new int[] {startOfText};
        }
        if (token.equals(Vocabulary.END_OF_TEXT)) {
            return new int[] {endOfText};
        }
        int[] cached = cache.get(token);
        if (cached != null) {
            return cached;
        }
        byte[] utf8 = token.getBytes(StandardCharsets.UTF_8);
        int[] symbols = new int[utf8.length];
        for (int i = 0; i < utf8.length; i++) {
            symbols[i] = ByteLevel.symbolOf(utf8[i] & 0xFF);
        }
        symbols[symbols.length - 1] += 256; // the last byte carries the end-of-word mark: its "</w>" twin
        int[] ids = BytePairMerge.merge(vocab, symbols);
        if (token.length() <= CACHED_TOKEN_CHARS) {
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(token, ids);
        }
        return ids;
    }
}
