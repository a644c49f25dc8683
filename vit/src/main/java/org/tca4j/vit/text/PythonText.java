package org.tca4j.vit.text;

/**
 * The two Python {@code str} methods the CLIP cleaning relies on, with Python's Unicode rules rather than Java's.
 *
 * <p>Reference: CPython 3.11 {@code Objects/unicodeobject.c} ({@code str.split}, {@code str.lower}).
 * Deviations from the reference: case data comes from the JDK's Unicode tables (Unicode 16) instead of Python
 * 3.11's (Unicode 14), so characters added since then may lower differently.
 */
final class PythonText {
    private static final char CAPITAL_SIGMA = '\u03A3';

    private PythonText() {}

    /**
     * Python's {@code str.isspace} for one character: bidirectional classes WS, B and S plus category Zs. This
     * includes the information separators U+001C..U+001F, which Java's {@code Character.isWhitespace} also has, but
     * also NBSP (U+00A0), U+2007 and U+202F, which Java excludes; U+200B and U+180E are not spaces.
     */
    static boolean isSpace(int c) {
        return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }

    /** {@code " ".join(s.split())}: whitespace runs become one space, none at either end. */
    static String collapseWhitespace(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * {@code str.lower()}: the full lower-case mapping. Only two mappings are not one code point to one: U+0130
     * (dotted capital I) becomes {@code i} + U+0307, and capital sigma becomes final sigma when it ends a word.
     */
    static String lower(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (cp == 0x0130) {
                out.append("i\u0307");
            } else if (cp == CAPITAL_SIGMA) {
                out.append(isFinalSigma(s, i) ? '\u03C2' : '\u03C3');
            } else {
                out.appendCodePoint(Character.toLowerCase(cp));
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /**
     * Unicode's Final_Sigma condition as CPython checks it: a cased letter before (skipping case-ignorable
     * characters) and no cased letter after (skipping them too).
     */
    private static boolean isFinalSigma(String s, int index) {
        int j = index;
        int before = -1;
        while (j > 0) {
            int cp = s.codePointBefore(j);
            j -= Character.charCount(cp);
            if (!isCaseIgnorable(cp)) {
                before = cp;
                break;
            }
        }
        if (before < 0 || !isCased(before)) {
            return false;
        }
        for (j = index + 1; j < s.length(); ) {
            int cp = s.codePointAt(j);
            if (!isCaseIgnorable(cp)) {
                return !isCased(cp);
            }
            j += Character.charCount(cp);
        }
        return true;
    }

    private static boolean isCased(int cp) {
        return Character.isLowerCase(cp) || Character.isUpperCase(cp) || Character.isTitleCase(cp);
    }

    /** Unicode's Case_Ignorable: marks, format characters, modifiers, and the word-internal punctuation. */
    private static boolean isCaseIgnorable(int cp) {
        switch (Character.getType(cp)) {
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.FORMAT, Character.MODIFIER_LETTER,
                 Character.MODIFIER_SYMBOL -> {
                return true;
            }
            default -> {
                return cp == '\'' || cp == '.' || cp == ':' || cp == 0x00B7 || cp == 0x0387 || cp == 0x05F4
                        || cp == 0x2018 || cp == 0x2019 || cp == 0x2024 || cp == 0x2027 || cp == 0xFE13
                        || cp == 0xFE52 || cp == 0xFE55 || cp == 0xFF07 || cp == 0xFF0E || cp == 0xFF1A;
            }
        }
    }
}
