package org.tca4j.vit.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of ftfy's {@code fix_text} (default settings) that this tokenizer reproduces.
 *
 * <p>Reference: ftfy 6.3.1 {@code fix_text} / {@code fix_and_explain}. Text is repaired one line at a time; each
 * line goes through these steps, repeated until nothing changes:
 * <ol>
 *   <li>HTML entities with a {@code ;} ({@code &amp;amp;}, {@code &eacute;}, {@code &#233;}), unless a line so far
 *       contained {@code <} (then it is probably real HTML and ftfy stops unescaping for the rest of the text);</li>
 *   <li>mojibake: a line that is UTF-8 decoded as Windows-1252 or Latin-1 ({@code schÃ¶ne} becomes {@code schöne});</li>
 *   <li>C1 controls read as Windows-1252; Latin ligatures split ({@code ﬁ} to {@code fi}); full-width forms to
 *       ASCII and the ideographic space to a space; curly quotes straightened; ANSI terminal escapes and control
 *       characters removed; lone surrogates replaced by U+FFFD;</li>
 *   <li>NFC normalisation.</li>
 * </ol>
 *
 * <p>Deviations from the reference:
 * <ul>
 *   <li>Mojibake is fixed only when the whole line re-encodes (Windows-1252, else Latin-1) to valid UTF-8 with at
 *       least one multi-byte sequence. ftfy also fixes lines that mix good and bad text, other code pages
 *       (Windows-1250/1251/1253/1254, ISO-8859-2, MacRoman, cp437), the byte 0xA0 turned into a space, and lossy
 *       sequences; ftfy also weighs a "badness" score that this heuristic does not.</li>
 *   <li>Line breaks are not normalised: every line break is whitespace, which the CLIP cleaning collapses anyway.</li>
 *   <li>At most {@value #MAX_ROUNDS} repair rounds per line (ftfy loops until stable, which is quadratic on a
 *       deeply nested {@code &amp;amp;amp;...}); lines longer than ftfy's 1,000,000-character decode window are
 *       still repaired whole.</li>
 * </ul>
 */
final class TextRepair {
    private static final int MAX_ROUNDS = 16;
    private static final Pattern ENTITY = Pattern.compile("&#?[0-9A-Za-z]{1,24};");
    private static final Pattern TERMINAL_ESCAPE = Pattern.compile("\u001B\\[[0-9;]*[a-zA-Z]");
    /** ftfy's Latin ligatures: the ones Unicode decomposes, minus those (like U+013F) ftfy leaves alone. */
    private static final Map<Character, String> LIGATURES = Map.ofEntries(
            Map.entry('\u0132', "IJ"), Map.entry('\u0133', "ij"), Map.entry('\u0149', "\u02BCn"),
            Map.entry('\u01C4', "D\u017D"), Map.entry('\u01C5', "D\u017E"), Map.entry('\u01C6', "d\u017E"),
            Map.entry('\u01C7', "LJ"), Map.entry('\u01C8', "Lj"), Map.entry('\u01C9', "lj"),
            Map.entry('\u01CA', "NJ"), Map.entry('\u01CB', "Nj"), Map.entry('\u01CC', "nj"),
            Map.entry('\u01F1', "DZ"), Map.entry('\u01F2', "Dz"), Map.entry('\u01F3', "dz"),
            Map.entry('\uFB00', "ff"), Map.entry('\uFB01', "fi"), Map.entry('\uFB02', "fl"),
            Map.entry('\uFB03', "ffi"), Map.entry('\uFB04', "ffl"), Map.entry('\uFB05', "\u017Ft"),
            Map.entry('\uFB06', "st"));

    /** Whether entities are still unescaped: ftfy turns this off for good at the first line containing {@code <}. */
    private boolean unescapeHtml = true;

    /** Repairs one line (a segment ending after its {@code \n}, or the rest of the text). */
    String repairLine(String line) {
        if (unescapeHtml && line.indexOf('<') >= 0) {
            unescapeHtml = false;
        }
        String text = line;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String before = text;
            if (unescapeHtml) {
                text = unescapeEntities(text);
            }
            text = fixMojibake(text);
            text = TERMINAL_ESCAPE.matcher(text).replaceAll("");
            text = fixCharacters(text);
            text = Normalizer.normalize(text, Normalizer.Form.NFC);
            if (text.equals(before)) {
                break;
            }
        }
        return text;
    }

    /** ftfy's {@code unescape_html}: only complete references ending in {@code ;}. */
    private static String unescapeEntities(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = ENTITY.matcher(text);
        return m.replaceAll(r -> Matcher.quoteReplacement(unescapeEntity(r.group())));
    }

    private static String unescapeEntity(String entity) {
        String name = entity.substring(1);
        String value = HtmlUnescape.entity(name);
        if (value != null) {
            return value;
        }
        if (name.startsWith("#")) {
            String decoded = HtmlUnescape.unescape(entity);
            // Only take it when the whole reference, ';' included, was consumed.
            return decoded.contains(";") ? entity : decoded;
        }
        // An all-caps copy of a lower-case entity (&EACUTE; for &eacute;), as some systems upper-case whole texts.
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (name.equals(name.toUpperCase(java.util.Locale.ROOT)) && !lower.equals(name)) {
            String lowerValue = HtmlUnescape.entity(lower);
            if (lowerValue != null) {
                return lowerValue.toUpperCase(java.util.Locale.ROOT);
            }
        }
        return entity;
    }

    /** Re-reads a line that is UTF-8 shown as Windows-1252 (or Latin-1), when that gives valid UTF-8. */
    static String fixMojibake(String text) {
        boolean candidate = false;
        for (int i = 0; i < text.length() && !candidate; i++) {
            candidate = text.charAt(i) >= 0xC2 && text.charAt(i) <= 0xF4;
        }
        if (!candidate) {
            return text;
        }
        String fixed = redecode(text, true);
        return fixed != null ? fixed : (fixed = redecode(text, false)) != null ? fixed : text;
    }

    private static String redecode(String text, boolean windows1252) {
        byte[] bytes = new byte[text.length()];
        boolean multiByte = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int b = windows1252 ? Cp1252.encode(c) : (c <= 0xFF ? c : -1);
            if (b < 0) {
                return null;
            }
            multiByte |= b >= 0x80;
            bytes[i] = (byte) b;
        }
        if (!multiByte) {
            return null;
        }
        try {
            CharBuffer decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return decoded.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The character-by-character fixes, in ftfy's order. */
    static String fixCharacters(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else if (c >= 0x80 && c < 0xA0) {
                out.append(Cp1252.decode(c));
            } else if (LIGATURES.containsKey(c)) {
                out.append(LIGATURES.get(c));
            } else if (c == '\u3000') {
                out.append(' ');
            } else if (c >= '\uFF01' && c <= '\uFFEF') {
                out.append(Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC));
            } else if (c == '\u02BC' || (c >= '\u2018' && c <= '\u201B')) {
                out.append('\'');
            } else if (c >= '\u201C' && c <= '\u201F') {
                out.append('"');
            } else if (!isRemovedControl(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** ftfy's {@code remove_control_chars}: C0 controls but tab, newline, form feed and CR; DEL; BOM; a few more. */
    private static boolean isRemovedControl(char c) {
        return c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1F) || c == 0x7F || (c >= 0x206A && c <= 0x206F)
                || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFC);
    }
}
