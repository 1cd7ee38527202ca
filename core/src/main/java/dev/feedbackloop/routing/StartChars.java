package dev.feedbackloop.routing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The characters a match of a regular expression can begin with, worked out from the expression's
 * text, so that a search tries the expression only at those positions instead of at every one
 * ({@code Matcher.find} runs the whole expression, alternatives included, at each position: for
 * {@code \d\s*[+]\s*\d|\d\s+-\s+\d} that is two failed digit tests per letter of a prompt).
 * Conservative: an ASCII letter stands for both its cases and for every non-ASCII character (the
 * case flags of {@link PatternSignal} fold some of those to ASCII letters), and an expression whose
 * start this does not read (an optional first item, {@code .}, {@code ^}, {@code \p}, inline flags,
 * ...) has none ({@link #of} empty). Immutable.
 */
final class StartChars {
    /** Characters 0-63 and 64-127 that can begin a match, as bits. */
    private final long low;
    private final long high;
    /** Whether a character at or above 128 can begin a match. */
    private final boolean nonAscii;

    private StartChars(long low, long high, boolean nonAscii) {
        this.low = low;
        this.high = high;
        this.nonAscii = nonAscii;
    }

    /**
     * What can begin a match of {@code regex}, when that can be read from it and leaves out every
     * ASCII letter (a search from each letter would cost more than {@code find}); else empty.
     */
    static java.util.Optional<StartChars> of(String regex) {
        try {
            Parser p = new Parser(regex);
            StartChars s = p.alternation();
            if (s == null || p.at != regex.length() || s.hasLetters()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(s);
        } catch (Unreadable e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Whether {@code pattern} (compiled from the regex this was read from) is found in {@code text}:
     * the same answer as {@code pattern.matcher(text).find()}, which is true exactly when a match starts
     * at some position; this tries only positions holding a start character, each with the text
     * around it visible to look-behinds and boundaries as it is to {@code find}.
     */
    boolean find(Pattern pattern, String text) {
        Matcher m = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 64 ? (low & 1L << c) == 0 : c < 128 ? (high & 1L << (c - 64)) == 0 : !nonAscii) {
                continue;
            }
            if (m == null) {
                m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            }
            if (m.region(i, n).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    private boolean hasLetters() {
        return (high & LETTERS) != 0;
    }

    /** A-Z and a-z, as bits of {@link #high}. */
    private static final long LETTERS = (((1L << 26) - 1) << ('A' - 64)) | (((1L << 26) - 1) << ('a' - 64));

    private StartChars with(char c) {
        if (c >= 128) {
            return new StartChars(low, high, true);
        }
        if (Character.isLetter(c)) {   // both cases, and the non-ASCII characters that fold to them
            char lower = Character.toLowerCase(c);
            char upper = Character.toUpperCase(c);
            return new StartChars(low, high | 1L << (lower - 64) | 1L << (upper - 64), true);
        }
        return c < 64 ? new StartChars(low | 1L << c, high, nonAscii) : new StartChars(low, high | 1L << (c - 64), nonAscii);
    }

    private StartChars or(StartChars o) {
        return new StartChars(low | o.low, high | o.high, nonAscii || o.nonAscii);
    }

    private static final StartChars NONE = new StartChars(0, 0, false);

    private static final class Unreadable extends RuntimeException {
        Unreadable() {
            super(null, null, false, false);
        }
    }

    /**
     * A recursive-descent reading: an alternation starts with what any branch starts with; a sequence
     * with what its first item that consumes a character starts with, skipped past boundaries and
     * look-arounds (they consume nothing) and given up on (null) when that item may occur zero times.
     */
    private static final class Parser {
        private final String re;
        private int at;

        Parser(String re) {
            this.re = re;
        }

        /** Null when some branch's start is unknown. */
        StartChars alternation() {
            StartChars all = sequence();
            while (at < re.length() && re.charAt(at) == '|') {
                at++;
                StartChars next = sequence();
                all = all == null || next == null ? null : all.or(next);
            }
            return all;
        }

        /** Reads the whole sequence (so that the parser stays in step); null when its start is unknown. */
        private StartChars sequence() {
            StartChars start = null;
            boolean known = false;
            while (at < re.length() && re.charAt(at) != '|' && re.charAt(at) != ')') {
                Item item = item();
                boolean optional = quantifierAllowsNone();
                if (known || item.zeroWidth) {
                    continue;
                }
                known = true;
                start = optional ? null : item.start;
            }
            return start;
        }

        /** An atom: what it starts with (null: unknown), or that it consumes nothing. */
        private record Item(StartChars start, boolean zeroWidth) {
        }

        private Item item() {
            char c = re.charAt(at++);
            switch (c) {
                case '(' -> {
                    boolean lookAround = false;
                    if (at < re.length() && re.charAt(at) == '?') {
                        if (re.startsWith("?:", at)) {
                            at += 2;
                        } else if (re.startsWith("?=", at) || re.startsWith("?!", at)) {
                            at += 2;
                            lookAround = true;
                        } else if (re.startsWith("?<=", at) || re.startsWith("?<!", at)) {
                            at += 3;
                            lookAround = true;
                        } else {
                            throw new Unreadable();   // inline flags, named or atomic groups
                        }
                    }
                    StartChars inner = alternation();
                    if (at >= re.length() || re.charAt(at) != ')') {
                        throw new Unreadable();
                    }
                    at++;
                    return new Item(inner, lookAround);
                }
                case '[' -> {
                    return new Item(charClass(), false);
                }
                case '\\' -> {
                    return escape();
                }
                case '.', '^', '$' -> {
                    return new Item(null, false);    // any char, or anchors: not read
                }
                case '*', '+', '?', '{', ')', ']', '}' -> throw new Unreadable();
                default -> {
                    return new Item(NONE.with(c), false);
                }
            }
        }

        private Item escape() {
            if (at >= re.length()) {
                throw new Unreadable();
            }
            char c = re.charAt(at++);
            if (c == 'd') {
                StartChars digits = NONE;
                for (char d = '0'; d <= '9'; d++) {
                    digits = digits.with(d);
                }
                return new Item(digits, false);
            }
            if (c == 'b' || c == 'B') {
                return new Item(null, true);
            }
            if ("wWsSDAzZG".indexOf(c) >= 0) {
                return new Item(null, false);   // classes too wide to be worth reading, other anchors
            }
            if (c < 128 && !Character.isLetterOrDigit(c)) {
                return new Item(NONE.with(c), false);   // an escaped metacharacter or punctuation
            }
            throw new Unreadable();   // p, Q, x and unicode escapes, back references, ...
        }

        /** A bracket class of literal characters, ranges and {@code \d}; not negated. */
        private StartChars charClass() {
            if (at < re.length() && re.charAt(at) == '^') {
                throw new Unreadable();
            }
            StartChars chars = NONE;
            boolean first = true;
            while (true) {
                if (at >= re.length()) {
                    throw new Unreadable();
                }
                char c = re.charAt(at++);
                if (c == ']' && !first) {
                    return chars;
                }
                first = false;
                if (c == '[' || c == '&') {
                    throw new Unreadable();   // nested classes and intersections
                }
                if (c == '\\') {
                    if (at >= re.length()) {
                        throw new Unreadable();
                    }
                    char e = re.charAt(at++);
                    if (e == 'd') {
                        for (char d = '0'; d <= '9'; d++) {
                            chars = chars.with(d);
                        }
                        continue;
                    }
                    if (e >= 128 || Character.isLetterOrDigit(e)) {
                        throw new Unreadable();
                    }
                    c = e;
                }
                if (at + 1 < re.length() && re.charAt(at) == '-' && re.charAt(at + 1) != ']') {
                    char to = re.charAt(at + 1);
                    at += 2;
                    if (to == '\\' || to < c) {
                        throw new Unreadable();
                    }
                    for (int x = c; x <= to && x < 128; x++) {
                        chars = chars.with((char) x);
                    }
                    if (to >= 128) {
                        chars = chars.with(to);
                    }
                    continue;
                }
                chars = chars.with(c);
            }
        }

        /** Reads a quantifier after an item; true when it allows zero occurrences. */
        private boolean quantifierAllowsNone() {
            if (at >= re.length()) {
                return false;
            }
            char q = re.charAt(at);
            boolean none;
            if (q == '*' || q == '?') {
                none = true;
                at++;
            } else if (q == '+') {
                none = false;
                at++;
            } else if (q == '{') {
                int close = re.indexOf('}', at);
                if (close < 0) {
                    throw new Unreadable();
                }
                String body = re.substring(at + 1, close);
                if (!body.matches("\\d+(,\\d*)?")) {
                    throw new Unreadable();
                }
                none = Integer.parseInt(body.split(",")[0]) == 0;
                at = close + 1;
            } else {
                return false;
            }
            if (at < re.length() && (re.charAt(at) == '?' || re.charAt(at) == '+')) {
                at++;                     // lazy or possessive: the same occurrences
            }
            if (at < re.length() && "*+?{".indexOf(re.charAt(at)) >= 0) {
                throw new Unreadable();
            }
            return none;
        }
    }
}
