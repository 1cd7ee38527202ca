package dev.feedbackloop.routing;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Characters a text must contain for a regular expression to be found in it, worked out from the
 * expression's text, so that a classifier can skip running it on most texts (running an expression
 * over a prompt costs far more than looking for a few characters). Conservative: only digits and
 * ASCII characters that are not letters are required (they match themselves whatever the case
 * flags), and an expression with a construct this does not read (inline flags, back references,
 * {@code \p}, {@code \Q}, ...) requires nothing. So {@link #mayMatch} false means the expression
 * finds nothing; true means it has to be run. Immutable.
 */
final class RequiredChars {
    /**
     * Each need: the text holds at least one of its characters (all below 128), as the bits of two
     * words (characters 0-63 in the first, 64-127 in the second).
     */
    private final long[][] needs;

    private RequiredChars(List<BitSet> needs) {
        this.needs = new long[needs.size()][];
        for (int i = 0; i < needs.size(); i++) {
            long[] words = java.util.Arrays.copyOf(needs.get(i).toLongArray(), 2);
            this.needs[i] = words;
        }
    }

    /** What {@code regex} (compiled with the case flags of {@link PatternSignal}) requires. */
    static RequiredChars of(String regex) {
        try {
            return new RequiredChars(new ArrayList<>(alternation(RegexSyntax.parse(regex))));
        } catch (RegexSyntax.Unreadable e) {
            return new RequiredChars(List.of());
        }
    }

    /** False only when a text without these characters cannot contain a match. */
    boolean mayMatch(String text) {
        TaskClassifier.Scanned s = TaskClassifier.Scanned.of(text);
        return mayMatch(s.low(), s.high());
    }

    /**
     * As {@link #mayMatch(String)}, given the ASCII characters the text holds
     * ({@link TaskClassifier.Scanned}): a few bit tests, whatever the text's length.
     */
    boolean mayMatch(long low, long high) {
        for (long[] need : needs) {
            if ((need[0] & low) == 0 && (need[1] & high) == 0) {
                return false;
            }
        }
        return true;
    }

    /** How many character sets are required (0: the expression is always run). */
    int size() {
        return needs.length;
    }

    /** An alternation requires what all its branches require. */
    private static Set<BitSet> alternation(RegexSyntax.Alternation a) {
        Set<BitSet> all = null;
        for (RegexSyntax.Sequence branch : a.branches()) {
            Set<BitSet> needs = sequence(branch);
            if (all == null) {
                all = needs;
            } else {
                all.retainAll(needs);
            }
        }
        return all;
    }

    /** A sequence requires what each of its mandatory items requires. */
    private static Set<BitSet> sequence(RegexSyntax.Sequence s) {
        Set<BitSet> out = new HashSet<>();
        for (RegexSyntax.Quantified q : s.items()) {
            if (q.min() > 0) {
                out.addAll(item(q.item()));
            }
        }
        return out;
    }

    /** What one item requires when it occurs once. */
    private static Set<BitSet> item(RegexSyntax.Item item) {
        if (item instanceof RegexSyntax.Group g) {
            return g.lookAround() ? new HashSet<>() : alternation(g.inner());
        }
        if (item instanceof RegexSyntax.CharClass c) {
            return set(chars(c));
        }
        if (item instanceof RegexSyntax.Escape e && e.letter() == 'd') {
            BitSet digits = new BitSet(128);
            digits.set('0', '9' + 1);
            return set(digits);
        }
        if (item instanceof RegexSyntax.Literal l) {
            return literal(l.c());
        }
        return new HashSet<>();   // other escapes (boundaries, or classes too wide to be worth requiring), . ^ $
    }

    /** A literal character: required when it is ASCII and not a letter (case flags leave it alone). */
    private static Set<BitSet> literal(char c) {
        if (c >= 128 || Character.isLetter(c)) {
            return new HashSet<>();
        }
        BitSet one = new BitSet(128);
        one.set(c);
        return set(one);
    }

    /** A bracket class's characters; null when it is negated or holds something but ASCII non-letters. */
    private static BitSet chars(RegexSyntax.CharClass c) {
        if (c.negated()) {
            return null;
        }
        BitSet chars = new BitSet(128);
        for (RegexSyntax.Range r : c.ranges()) {
            if (r.to() >= 128) {
                return null;
            }
            for (char x = r.from(); x <= r.to(); x++) {
                if (Character.isLetter(x)) {
                    return null;          // letters match other cases, and other characters too
                }
                chars.set(x);
            }
        }
        return chars;
    }

    private static Set<BitSet> set(BitSet chars) {
        Set<BitSet> out = new HashSet<>();
        if (chars != null && !chars.isEmpty()) {
            out.add(chars);
        }
        return out;
    }
}
