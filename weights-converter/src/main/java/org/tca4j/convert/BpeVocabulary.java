package org.tca4j.convert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.tca4j.vit.io.TokenizerData;

/**
 * Builds OpenCLIP's tokenizer data from a BPE merges file ({@code bpe_simple_vocab_16e6.txt.gz}, gzipped or plain),
 * as OpenCLIP's {@code SimpleTokenizer.__init__} does: the merges are lines {@code [1, 48895)} of the file, and the
 * vocabulary is the 256 byte symbols, the same with {@code </w>}, each merge joined, then
 * {@code <start_of_text>} and {@code <end_of_text>}.
 */
public final class BpeVocabulary {
    /** The merges file shipped in this JAR. */
    public static final String BUNDLED = "bpe_simple_vocab_16e6.txt.gz";
    /** OpenCLIP keeps lines [1, 49152 − 256 − 2 + 1) of the file. */
    private static final int MERGE_LINES_END = 49152 - 256 - 2 + 1;
    private static final long MAX_TEXT_BYTES = 64L << 20;

    private BpeVocabulary() {}

    private static volatile TokenizerData bundled;

    /** The tokenizer data of the merges file shipped in this JAR (parsed once). */
    public static TokenizerData bundled() throws IOException {
        TokenizerData t = bundled;
        if (t == null) {
            t = readBundled();
            bundled = t;
        }
        return t;
    }

    private static TokenizerData readBundled() throws IOException {
        try (InputStream in = BpeVocabulary.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IOException("the bundled " + BUNDLED + " is missing from the converter JAR");
            }
            return parse(Path.of(BUNDLED), in.readAllBytes());
        }
    }

    /** The tokenizer data of the merges file {@code file}. */
    public static TokenizerData fromFile(Path file) throws IOException {
        try {
            return parse(file, Files.readAllBytes(file));
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read the vocabulary: " + e, e);
        }
    }

    static TokenizerData parse(Path file, byte[] bytes) throws CheckpointException {
        byte[] text = bytes;
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1f && (bytes[1] & 0xFF) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                text = in.readNBytes((int) MAX_TEXT_BYTES);
            } catch (IOException e) {
                throw new CheckpointException(file, "not a readable gzip file: " + e.getMessage());
            }
        }
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(text)).toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointException(file, "the vocabulary is not UTF-8 text");
        }
        String[] lines = content.split("\n", -1);
        if (lines.length < MERGE_LINES_END) {
            throw new CheckpointException(file, "the merges file has " + lines.length + " lines, fewer than the "
                    + MERGE_LINES_END + " OpenCLIP reads");
        }
        List<String> merges = List.of(lines).subList(1, MERGE_LINES_END);
        List<String> vocabulary = new ArrayList<>(byteSymbols());
        for (String symbol : byteSymbols()) {
            vocabulary.add(symbol + "</w>");
        }
        for (String merge : merges) {
            vocabulary.add(merge.replace(" ", ""));
        }
        vocabulary.add("<start_of_text>");
        vocabulary.add("<end_of_text>");
        try {
            return new TokenizerData(merges, vocabulary, vocabulary.size() - 2, vocabulary.size() - 1);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "not a BPE merges file: " + e.getMessage());
        }
    }

    /**
     * GPT-2's reversible byte-to-symbol map, in its order: the printable bytes {@code !..~}, {@code ¡..¬},
     * {@code ®..ÿ} stand for themselves, the other 68 bytes become U+0100 onwards.
     */
    static List<String> byteSymbols() {
        List<Integer> bytes = new ArrayList<>();
        List<String> symbols = new ArrayList<>();
        for (int b = '!'; b <= '~'; b++) {
            bytes.add(b);
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            bytes.add(b);
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            bytes.add(b);
        }
        for (int b : bytes) {
            symbols.add(String.valueOf((char) b));
        }
        int next = 0;
        for (int b = 0; b < 256; b++) {
            if (!bytes.contains(b)) {
                symbols.add(String.valueOf((char) (256 + next++)));
            }
        }
        return symbols;
    }
}
