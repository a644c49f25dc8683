package org.tca4j.vit.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code html.unescape}, {@code str.lower} and {@code " ".join(s.split())} against CPython 3.11 on 466 strings
 * (hand-picked edge cases plus seeded random ones), recorded by {@code make_python_cases.py} beside the data.
 */
class PythonCleaningTest {
    private record Case(int line, String input, String unescaped, String lowered, String collapsed) {}

    private static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = PythonCleaningTest.class.getResourceAsStream("python_cleaning_cases.txt")) {
            assertThat(in).as("test resource python_cleaning_cases.txt").isNotNull();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String[] f = lines[i].split("\t");
                cases.add(new Case(i + 1, decode(f[0]), decode(f[1]), decode(f[2]), decode(f[3])));
            }
        }
        assertThat(cases).hasSize(466);
        return cases;
    }

    private static String decode(String field) {
        StringBuilder s = new StringBuilder();
        if (!field.equals("-")) {
            for (String hex : field.split(" ")) {
                s.appendCodePoint(Integer.parseInt(hex, 16));
            }
        }
        return s.toString();
    }

    @Test
    void htmlUnescapeMatchesPython() throws IOException {
        for (Case c : cases()) {
            assertThat(HtmlUnescape.unescape(c.input())).as("line %d: %s", c.line(), c.input()).isEqualTo(c.unescaped());
        }
    }

    @Test
    void lowerMatchesPython() throws IOException {
        for (Case c : cases()) {
            assertThat(PythonText.lower(c.input())).as("line %d: %s", c.line(), c.input()).isEqualTo(c.lowered());
        }
    }

    @Test
    void whitespaceCollapseMatchesPython() throws IOException {
        for (Case c : cases()) {
            assertThat(PythonText.collapseWhitespace(c.input())).as("line %d: %s", c.line(), c.input())
                    .isEqualTo(c.collapsed());
        }
    }
}
