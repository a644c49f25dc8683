package org.tca4j.vit.text;

/**
 * Windows-1252 as the web (and ftfy's "sloppy-windows-1252") uses it: bytes 0x80..0x9F map to typographic
 * characters, the five bytes Windows leaves undefined map to the C1 control of the same value, every other byte is
 * Latin-1.
 */
final class Cp1252 {
    /** Characters of bytes 0x80..0x9F. */
    private static final String HIGH =
            "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F"
                    + "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

    private Cp1252() {}

    /** The character of one byte (0..255). */
    static char decode(int unsignedByte) {
        return unsignedByte >= 0x80 && unsignedByte < 0xA0 ? HIGH.charAt(unsignedByte - 0x80) : (char) unsignedByte;
    }

    /** The byte of a character, or -1 when the character has none in this encoding. */
    static int encode(char c) {
        if (c < 0x80 || (c >= 0xA0 && c <= 0xFF)) {
            return c;
        }
        int i = HIGH.indexOf(c);
        return i < 0 ? -1 : 0x80 + i;
    }
}
