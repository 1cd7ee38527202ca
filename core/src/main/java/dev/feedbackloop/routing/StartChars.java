package dev.feedbackloop.routing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Characters one of which every match of a regular expression holds at a fixed distance from its
 * start (its first character, or a later one when each item before it matches exactly one
 * character: the {@code (} of {@code \w\(\)}), worked out from the expression's text, so that a
 * search tries the expression only where such a character is, instead of at every position
 * ({@code Matcher.find} runs the whole expression, alternatives included, at each one).
 * Conservative: an ASCII letter stands for both its cases and for every non-ASCII character (the
 * case flags of {@link PatternSignal} fold some of those to ASCII letters), sets with letters are
 * not used (a search from each letter would cost more than {@code find}), and an expression this
 * does not read ({@code .} or a negated class before the characters, {@code \p}, inline flags, ...)
 * has none ({@link #of} empty). Immutable.
 */
final class StartChars {
    /** How many characters of a match come before the one in this set. */
    private final int offset;
    /** The characters 0-63 and 64-127 of the set, as bits. */
    private final long low;
    private final long high;
    /** Whether the set holds characters at or above 128 (any of them, to be safe). */
    private final boolean nonAscii;

    private StartChars(int offset, long low, long high, boolean nonAscii) {
        this.offset = offset;
        this.low = low;
        this.high = high;
        this.nonAscii = nonAscii;
    }

    /** What every match of {@code regex} holds at a fixed distance from its start, when that can be read from it. */
    static Optional<StartChars> of(String regex) {
        try {
            Parser p = new Parser(regex);
            StartChars s = p.alternation();
            return p.at == regex.length() ? Optional.ofNullable(s) : Optional.empty();
        } catch (Unreadable e) {
            return Optional.empty();
        }
    }

    /** How many characters of a match come before the one in the set (0: its first). */
    int offset() {
        return offset;
    }

    /**
     * Whether {@code pattern} (compiled from the regex this was read from) is found in {@code text}:
     * the same answer as {@code pattern.matcher(text).find()}, which is true exactly when a match starts
     * at some position; this tries only the positions {@link #offset} before a character of the set,
     * each with the text around it visible to look-behinds and boundaries as it is to {@code find}.
     */
    boolean find(Pattern pattern, String text) {
        return find(pattern, text, text.toCharArray());
    }

    /** As {@link #find(Pattern, String)}, given the text's chars (read, not modified). */
    boolean find(Pattern pattern, String text, char[] chars) {
        Matcher m = null;
        int n = chars.length;
        for (int i = offset; i < n; i++) {
            char c = chars[i];
            if (c < 64 ? (low & 1L << c) == 0 : c < 128 ? (high & 1L << (c - 64)) == 0 : !nonAscii) {
                continue;
            }
            if (m == null) {
                m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            }
            if (m.region(i - offset, n).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    /** A-Z and a-z, as bits of {@link #high}. */
    private static final long LETTERS = (((1L << 26) - 1) << ('A' - 64)) | (((1L << 26) - 1) << ('a' - 64));

    private boolean hasLetters() {
        return (high & LETTERS) != 0;
    }

    private StartChars with(char c) {
        if (c >= 128) {
            return new StartChars(offset, low, high, true);
        }
        if (Character.isLetter(c)) {   // both cases, and the non-ASCII characters that fold to them
            long bits = 1L << (Character.toLowerCase(c) - 64) | 1L << (Character.toUpperCase(c) - 64);
            return new StartChars(offset, low, high | bits, true);
        }
        return c < 64 ? new StartChars(offset, low | 1L << c, high, nonAscii)
                : new StartChars(offset, low, high | 1L << (c - 64), nonAscii);
    }

    private StartChars or(StartChars o) {
        return new StartChars(offset, low | o.low, high | o.high, nonAscii || o.nonAscii);
    }

    private StartChars at(int newOffset) {
        return new StartChars(newOffset, low, high, nonAscii);
    }

    private static final StartChars NONE = new StartChars(0, 0, 0, false);

    private static final StartChars DIGITS = NONE.with('0').with('1').with('2').with('3').with('4').with('5').with('6')
            .with('7').with('8').with('9');

    private static final class Unreadable extends RuntimeException {
        Unreadable() {
            super(null, null, false, false);
        }
    }

    /**
     * A recursive-descent reading. A sequence's set is that of its first item whose characters are
     * known and hold no letter, provided every item before it consumes exactly one character (or
     * nothing: boundaries, look-arounds) and it occurs at least once; an alternation's is the union
     * of its branches' when they all have one at the same offset.
     */
    private static final class Parser {
        private final String re;
        private int at;

        Parser(String re) {
            this.re = re;
        }

        /** Null when some branch has no set, or they are at different offsets. */
        StartChars alternation() {
            StartChars all = sequence();
            while (at < re.length() && re.charAt(at) == '|') {
                at++;
                StartChars next = sequence();
                all = all == null || next == null || all.offset != next.offset ? null : all.or(next);
            }
            return all;
        }

        /** Reads the whole sequence (so that the parser stays in step); null when it has no set. */
        private StartChars sequence() {
            StartChars found = null;
            int offset = 0;
            boolean fixed = true;
            while (at < re.length() && re.charAt(at) != '|' && re.charAt(at) != ')') {
                Item item = item();
                int min = minimumOccurrences();
                if (found != null || !fixed || item.zeroWidth) {
                    continue;
                }
                if (min != 0 && item.chars != null && !item.chars.hasLetters()) {   // once, or at least once
                    found = item.chars.at(offset + item.chars.offset);
                } else if (min == EXACTLY_ONCE && item.oneChar) {
                    offset++;
                } else {
                    fixed = false;
                }
            }
            return found;
        }

        /**
         * An atom: its set (null: unknown or none), whether it consumes nothing, or whether it always
         * consumes exactly one character.
         */
        private record Item(StartChars chars, boolean zeroWidth, boolean oneChar) {
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
                    return new Item(lookAround ? null : inner, lookAround, false);
                }
                case '[' -> {
                    return new Item(charClass(), false, true);
                }
                case '\\' -> {
                    return escape();
                }
                case '.', '^', '$' -> {
                    return new Item(null, false, false);   // any char (a surrogate pair too), or anchors
                }
                case '*', '+', '?', '{', ')', ']', '}' -> throw new Unreadable();
                default -> {
                    return new Item(literal(c), false, true);
                }
            }
        }

        private Item escape() {
            if (at >= re.length()) {
                throw new Unreadable();
            }
            char c = re.charAt(at++);
            if (c == 'd') {
                return new Item(DIGITS, false, true);
            }
            if (c == 'b' || c == 'B') {
                return new Item(null, true, false);
            }
            if (c == 'w' || c == 's') {
                return new Item(null, false, true);    // ASCII only: one char, too many to be worth a set
            }
            if ("WSDAzZG".indexOf(c) >= 0) {
                return new Item(null, false, false);   // negated classes (a surrogate pair too), other anchors
            }
            if (c < 128 && !Character.isLetterOrDigit(c)) {
                return new Item(NONE.with(c), false, true);   // an escaped metacharacter or punctuation
            }
            throw new Unreadable();   // p, Q, x and unicode escapes, back references, ...
        }

        private static StartChars literal(char c) {
            if (Character.isSurrogate(c)) {
                throw new Unreadable();   // half of a character outside the BMP
            }
            return NONE.with(c);
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
                        chars = chars.or(DIGITS);
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
                    if (to == '\\' || to < c || Character.isSurrogate(to)) {
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
                chars = chars.or(literal(c));
            }
        }

        private static final int EXACTLY_ONCE = -1;

        /** Reads a quantifier after an item: the fewest occurrences it allows, or {@link #EXACTLY_ONCE} when there is none. */
        private int minimumOccurrences() {
            if (at >= re.length()) {
                return EXACTLY_ONCE;
            }
            char q = re.charAt(at);
            int min;
            if (q == '*' || q == '?') {
                min = 0;
                at++;
            } else if (q == '+') {
                min = 1;
                at++;
            } else if (q == '{') {
                int close = re.indexOf('}', at);
                if (close < 0) {
                    throw new Unreadable();
                }
                String body = re.substring(at + 1, close);
                if (!body.matches("\\d{1,6}(,\\d*)?")) {
                    throw new Unreadable();
                }
                min = Integer.parseInt(body.split(",")[0]);
                at = close + 1;
            } else {
                return EXACTLY_ONCE;
            }
            if (at < re.length() && (re.charAt(at) == '?' || re.charAt(at) == '+')) {
                at++;                     // lazy or possessive: the same occurrences
            }
            if (at < re.length() && "*+?{".indexOf(re.charAt(at)) >= 0) {
                throw new Unreadable();
            }
            return min;
        }
    }
}
