package org.tca4j.vit.text;

/**
 * GPT-2/CLIP byte-level alphabet: every byte 0..255 gets a printable stand-in character, so BPE can work on
 * strings without whitespace or control characters.
 *
 * <p>Reference: OpenAI CLIP / open_clip {@code tokenizer.py}, {@code bytes_to_unicode}. The printable Latin-1
 * bytes ({@code !..~}, {@code ¡..¬}, {@code ®..ÿ}) stand for themselves; the remaining 68 bytes, in increasing
 * order, get the characters {@code U+0100, U+0101, ...}. The vocabulary lists the 256 stand-ins in exactly this
 * order (printable bytes first), which is why {@link #symbolOf(int)} is not simply the byte value.
 *
 * <p>Deviations from the reference: lookup arrays indexed by byte and by symbol id instead of the
 * {@code byte_encoder} and {@code byte_decoder} dicts, and a {@code char} per stand-in (all lie below U+0144);
 * {@link #byteOfChar} answers -1 for a character that stands for no byte, where the reference's
 * {@code byte_decoder[c]} raises {@code KeyError}.
 */
final class ByteLevel {
    /** Symbol id (0..255) of each byte: its position in the reference's ordering. */
    private static final int[] SYMBOL_OF_BYTE = new int[256];
    /** Stand-in character of each symbol id. */
    private static final char[] CHAR_OF_SYMBOL = new char[256];
    /** Byte value of each symbol id. */
    private static final int[] BYTE_OF_SYMBOL = new int[256];

    static {
        int next = 0;
        for (int b = 0; b < 256; b++) {
            if (printable(b)) {
                BYTE_OF_SYMBOL[next] = b;
                CHAR_OF_SYMBOL[next] = (char) b;
                next++;
            }
        }
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            if (!printable(b)) {
                BYTE_OF_SYMBOL[next] = b;
                CHAR_OF_SYMBOL[next] = (char) (256 + shifted++);
                next++;
            }
        }
        for (int s = 0; s < 256; s++) {
            SYMBOL_OF_BYTE[BYTE_OF_SYMBOL[s]] = s;
        }
    }

    private ByteLevel() {}

    private static boolean printable(int b) {
        return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    }

    /** The vocabulary id (0..255) of a byte's single-character symbol. */
    static int symbolOf(int unsignedByte) {
        return SYMBOL_OF_BYTE[unsignedByte];
    }

    /** The stand-in character of vocabulary id {@code symbol} (0..255). */
    static char charOf(int symbol) {
        return CHAR_OF_SYMBOL[symbol];
    }

    /** The byte a stand-in character represents, or -1 when {@code c} is not a stand-in. */
    static int byteOfChar(char c) {
        if (c < 256 && printable(c)) {
            return c;
        }
        if (c >= 256 && c < 256 + 68) {
            return BYTE_OF_SYMBOL[188 + (c - 256)];
        }
        return -1;
    }
}
