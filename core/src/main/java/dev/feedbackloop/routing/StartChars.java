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
            return Optional.ofNullable(alternation(RegexSyntax.parse(regex)));
        } catch (RegexSyntax.Unreadable e) {
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
            char ascii = asciiCase(c);
            // İ, ı, ſ, the Kelvin sign: under the case flags they match ASCII letters, so they stand for those
            return ascii != 0 ? with(ascii) : new StartChars(offset, low, high, true);
        }
        if (Character.isLetter(c)) {   // both cases, and the non-ASCII characters that fold to them
            long bits = 1L << (Character.toLowerCase(c) - 64) | 1L << (Character.toUpperCase(c) - 64);
            return new StartChars(offset, low, high | bits, true);
        }
        return c < 64 ? new StartChars(offset, low | 1L << c, high, nonAscii)
                : new StartChars(offset, low, high | 1L << (c - 64), nonAscii);
    }

    /**
     * The ASCII letter a non-ASCII char matches under {@code CASE_INSENSITIVE | UNICODE_CASE} (one of its
     * case mappings is ASCII: U+0130 and i, U+0131 and I, U+017F and S, U+212A and k), else 0.
     */
    static char asciiCase(char c) {
        for (char m : new char[] {Character.toLowerCase(c), Character.toUpperCase(c),
                Character.toLowerCase(Character.toUpperCase(c)), Character.toUpperCase(Character.toLowerCase(c))}) {
            if (m < 128) {
                return m;
            }
        }
        return 0;
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

    /**
     * The union of the branches' sets when they all have one at the same offset; else null. A
     * sequence's set is that of its first item whose characters are known and hold no letter, provided
     * every item before it consumes exactly one character (or nothing: boundaries, look-arounds) and it
     * occurs at least once.
     */
    private static StartChars alternation(RegexSyntax.Alternation a) {
        StartChars all = null;
        boolean first = true;
        for (RegexSyntax.Sequence branch : a.branches()) {
            StartChars next = sequence(branch);
            all = first ? next : all == null || next == null || all.offset != next.offset ? null : all.or(next);
            first = false;
        }
        return all;
    }

    /** Null when the sequence has no set. */
    private static StartChars sequence(RegexSyntax.Sequence s) {
        StartChars found = null;
        int offset = 0;
        boolean fixed = true;
        for (RegexSyntax.Quantified q : s.items()) {
            Item item = item(q.item());   // every item: one this does not read leaves the whole expression unread
            if (found != null || !fixed || item.zeroWidth) {
                continue;
            }
            if (q.min() != 0 && item.chars != null && !item.chars.hasLetters()) {   // once, or at least once
                found = item.chars.at(offset + item.chars.offset);
            } else if (q.once() && item.oneChar) {
                offset++;
            } else {
                fixed = false;
            }
        }
        return found;
    }

    /**
     * An item: its set (null: unknown or none), whether it consumes nothing, or whether it always
     * consumes exactly one character.
     */
    private record Item(StartChars chars, boolean zeroWidth, boolean oneChar) {
    }

    private static Item item(RegexSyntax.Item item) {
        if (item instanceof RegexSyntax.Group g) {
            StartChars inner = alternation(g.inner());
            return new Item(g.lookAround() ? null : inner, g.lookAround(), false);
        }
        if (item instanceof RegexSyntax.CharClass c) {
            return new Item(chars(c), false, true);
        }
        if (item instanceof RegexSyntax.Escape e) {
            return switch (e.letter()) {
                case 'd' -> new Item(DIGITS, false, true);
                case 'b', 'B' -> new Item(null, true, false);
                case 'w', 's' -> new Item(null, false, true);    // ASCII only: one char, too many to be worth a set
                default -> new Item(null, false, false);   // negated classes (a surrogate pair too), other anchors
            };
        }
        if (item instanceof RegexSyntax.Literal l) {
            return new Item(literal(l.c()), false, true);
        }
        return new Item(null, false, false);   // . (any char, a surrogate pair too), ^ and $
    }

    private static StartChars literal(char c) {
        if (Character.isSurrogate(c)) {
            throw new RegexSyntax.Unreadable();   // half of a character outside the BMP
        }
        return NONE.with(c);
    }

    /** A bracket class of literal characters, ranges and {@code \d}; a negated one is not read. */
    private static StartChars chars(RegexSyntax.CharClass c) {
        if (c.negated()) {
            throw new RegexSyntax.Unreadable();
        }
        StartChars chars = NONE;
        for (RegexSyntax.Range r : c.ranges()) {
            if (r.from() == r.to()) {
                chars = chars.or(literal(r.from()));
                continue;
            }
            if (Character.isSurrogate(r.to())) {
                throw new RegexSyntax.Unreadable();
            }
            for (int x = r.from(); x <= r.to() && x < 128; x++) {
                chars = chars.with((char) x);
            }
            if (r.to() >= 128) {
                chars = chars.with(r.to());
                for (int x = Math.max(r.from(), 128); x < r.to(); x++) {
                    char ascii = asciiCase((char) x);
                    if (ascii != 0) {
                        chars = chars.with(ascii);
                    }
                }
            }
        }
        return chars;
    }
}
