"""Writes python_cleaning_cases.txt: what CPython 3.11 gives for html.unescape, str.lower and
" ".join(s.split()) on hand-picked and seeded random strings. Run: python3 make_python_cases.py
Each line: input, unescape, lower, collapsed; fields separated by a tab, each field the code points in hex
separated by spaces ("-" for the empty string)."""
import html
import random
import sys

FIXED = [
    "&amp", "&ampx", "&amp;amp;", "&notit;", "&notin;", "&#x41;", "&#65", "&#0;", "&#128;", "&#x110000;",
    "&#xD800;", "&#1;", "&#xFFFF;", "&#99999999999999999999;", "&AMP;", "&Amp;", "&#;", "&#x;", "&#xg;",
    "&lt&gt", "a&b", "&&amp;", "& amp;", "&ThisIsNotAnEntityButItIsVeryLongIndeedReally;", "&aacute",
    "&aacutefoo", "&#13;", "&#x80;", "&#x9F;", "&#x8D;", "&copy2020", "&nbsp;x", "&#xFDD0;", "&#x1FFFE;",
    "&#x1F600;", "&hearts;", "&NotNestedGreaterGreater;", "&b.Alpha;", "&#0x41;", "&#X41;", "&\tamp;",
    "&am\u00e9;", "&\U0001F600;", "fish &amp; chips &lt;3 &quot;yum&quot; &#39;ok&#39; &amp;amp;",
    "\u0130stanbul", "\u03a3\u0391\u03a3", "\u03a3", "\u0391\u03a3.", "\u0391'\u03a3", "\u0391\u03a3'\u0392",
    "\u01c5", "\u1e9e", "\u2160", "\u24b6", "\u038c\u03a3\u039f\u03a3 \u03a3", "\u1f88", "\u13a0", "\u212a",
    "\u212b", "\u0391\u0301\u03a3", "\u0391\u03a3\u0301", "\u0391\u03a3\u0301\u0392", "A\u00ad\u03a3",
    "\u00a0a\u2007b\u202fc\u200bd\u180ee\x1cf\x1fg\x85h\u3000i  \t\n\r\x0b\x0c", "", "   ",
]
ALPHABET = ["&", "#", ";", "a", "m", "p", "x", "X", "1", "3", "9", "A", "l", "t", "g", "\u03a3", " ", "\u00a0",
            "\u0130", ".", "'", "\u0301", "\u2028", "\x1c", "\u00c9", "\u1f88", "\u00df", "\u0345", "n", "o", "s"]


def field(s):
    return " ".join("%X" % ord(c) for c in s) if s else "-"


def main(out):
    rnd = random.Random(20251201)
    cases = FIXED + ["".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(1, 24))) for _ in range(400)]
    with open(out, "w", encoding="ascii") as f:
        for s in cases:
            f.write("\t".join([field(s), field(html.unescape(s)), field(s.lower()), field(" ".join(s.split()))]) + "\n")


main(sys.argv[1] if len(sys.argv) > 1 else "python_cleaning_cases.txt")
