package org.tca4j.vit.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Python's {@code html.unescape}: replaces named and numeric character references as HTML5 parsers do.
 *
 * <p>Reference: CPython 3.11 {@code Lib/html/__init__.py}. A reference is {@code &} followed by {@code #digits},
 * {@code #x hex digits} or up to 32 name characters (anything but tab, newline, form feed, space, {@code < & # ;}),
 * each with an optional {@code ;}. A name that is not an entity is replaced by its longest entity prefix (only the
 * legacy names without {@code ;} can be prefixes), else left alone. Numeric references below 0xA0 follow the
 * HTML5 table (Windows-1252, NUL to U+FFFD), surrogates and values above U+10FFFF become U+FFFD, and
 * non-characters and control characters are dropped. The entity table is the WHATWG list, loaded from
 * {@code html5-entities.txt}.
 *
 * <p>Deviations from the reference:
 * <ul>
 *   <li>a hand-written scanner instead of the {@code _charref} regular expression and {@code re.sub}; it finds
 *       the same references, left to right;</li>
 *   <li>numbers are capped once they pass U+10FFFF instead of parsed as big integers (same replacement, U+FFFD);</li>
 *   <li>a decimal reference of more than 4,300 digits is decoded like any other (U+FFFD, or its character when
 *       the digits are mostly leading zeros), where CPython 3.11 raises {@code ValueError} from its limit on
 *       converting long digit strings to int (checked with 3.11.7);</li>
 *   <li>the entity table is a resource file, not {@code html.entities.html5}; the two were compared with
 *       Python 3.11.7 and are equal (2,231 names).</li>
 * </ul>
 */
final class HtmlUnescape {
    private static final int MAX_NAME_CODE_POINTS = 32;
    private static final Map<String, String> ENTITIES = loadEntities();

    private HtmlUnescape() {}

    private static Map<String, String> loadEntities() {
        Map<String, String> map = new HashMap<>(4096);
        try (InputStream in = HtmlUnescape.class.getResourceAsStream("html5-entities.txt")) {
            if (in == null) {
                throw new IllegalStateException("resource html5-entities.txt is missing from the tca4j-vit jar");
            }
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                int tab = line.indexOf('\t');
                StringBuilder value = new StringBuilder();
                for (String hex : line.substring(tab + 1).split(" ")) {
                    value.appendCodePoint(Integer.parseInt(hex, 16));
                }
                map.put(line.substring(0, tab), value.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read html5-entities.txt", e);
        }
        return Map.copyOf(map);
    }

    /** The named entity table ({@code "amp;" -> "&"}), for ftfy's own unescaping step. */
    static String entity(String nameWithSemicolon) {
        return ENTITIES.get(nameWithSemicolon);
    }

    static String unescape(String s) {
        int amp = s.indexOf('&');
        if (amp < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int done = 0;
        while (amp >= 0) {
            out.append(s, done, amp);
            int end = referenceEnd(s, amp);
            if (end < 0) {
                out.append('&');
                done = amp + 1;
            } else {
                out.append(replacement(s.substring(amp + 1, end)));
                done = end;
            }
            amp = s.indexOf('&', done);
        }
        return out.append(s, done, s.length()).toString();
    }

    /** End (exclusive) of the reference starting at {@code amp}, or -1 when none starts there. */
    private static int referenceEnd(String s, int amp) {
        int i = amp + 1, n = s.length();
        if (i < n && s.charAt(i) == '#') {
            int j = i + 1;
            boolean hex = !(j < n && isDigit(s.charAt(j)));
            if (hex) {
                if (!(j + 1 < n && (s.charAt(j) == 'x' || s.charAt(j) == 'X') && isHexDigit(s.charAt(j + 1)))) {
                    return -1;
                }
                j++;
            }
            while (j < n && (hex ? isHexDigit(s.charAt(j)) : isDigit(s.charAt(j)))) {
                j++;
            }
            return j < n && s.charAt(j) == ';' ? j + 1 : j;
        }
        int j = i, count = 0;
        while (j < n && count < MAX_NAME_CODE_POINTS && isNameChar(s.charAt(j))) {
            j += Character.charCount(s.codePointAt(j));
            count++;
        }
        if (count == 0) {
            return -1;
        }
        return j < n && s.charAt(j) == ';' ? j + 1 : j;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isNameChar(char c) {
        return c != '\t' && c != '\n' && c != '\f' && c != ' ' && c != '<' && c != '&' && c != '#' && c != ';';
    }

    /** What a reference (without its {@code &}) stands for. */
    private static String replacement(String ref) {
        if (ref.charAt(0) == '#') {
            boolean hex = ref.charAt(1) == 'x' || ref.charAt(1) == 'X';
            String digits = ref.substring(hex ? 2 : 1, ref.endsWith(";") ? ref.length() - 1 : ref.length());
            return numeric(parseCapped(digits, hex ? 16 : 10));
        }
        String value = ENTITIES.get(ref);
        if (value != null) {
            return value;
        }
        for (int x = ref.length() - 1; x > 1; x--) {
            value = ENTITIES.get(ref.substring(0, x));
            if (value != null) {
                return value + ref.substring(x);
            }
        }
        return "&" + ref;
    }

    /** The number, or {@code Integer.MAX_VALUE} when it exceeds every code point (Python has big integers). */
    private static int parseCapped(String digits, int radix) {
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            v = v * radix + Character.digit(digits.charAt(i), radix);
            if (v > Character.MAX_CODE_POINT) {
                return Integer.MAX_VALUE;
            }
        }
        return (int) v;
    }

    private static String numeric(int cp) {
        if (cp == 0) {
            return "\uFFFD";
        }
        if (cp == 0x0D) {
            return "\r";
        }
        if (cp >= 0x80 && cp < 0xA0) {
            return String.valueOf(Cp1252.decode(cp));
        }
        if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > Character.MAX_CODE_POINT) {
            return "\uFFFD";
        }
        if (isInvalidCodePoint(cp)) {
            return "";
        }
        return Character.toString(cp);
    }

    /** Controls and non-characters that HTML5 forbids in references (Python's {@code _invalid_codepoints}). */
    private static boolean isInvalidCodePoint(int cp) {
        return (cp >= 0x01 && cp <= 0x08) || cp == 0x0B || (cp >= 0x0E && cp <= 0x1F) || (cp >= 0x7F && cp <= 0x9F)
                || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
    }
}
