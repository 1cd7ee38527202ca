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
    /** Each set: the text needs at least one of its characters (all below 128). */
    private final List<BitSet> needs;

    private RequiredChars(List<BitSet> needs) {
        this.needs = List.copyOf(needs);
    }

    /** What {@code regex} (compiled with the case flags of {@link PatternSignal}) requires. */
    static RequiredChars of(String regex) {
        try {
            Parser p = new Parser(regex);
            Set<BitSet> needs = p.alternation();
            if (p.at != regex.length()) {
                return new RequiredChars(List.of());
            }
            return new RequiredChars(new ArrayList<>(needs));
        } catch (Unreadable e) {
            return new RequiredChars(List.of());
        }
    }

    /** False only when a text without these characters cannot contain a match. */
    boolean mayMatch(String text) {
        for (BitSet need : needs) {
            if (!containsAny(text, need)) {
                return false;
            }
        }
        return true;
    }

    /** How many character sets are required (0: the expression is always run). */
    int size() {
        return needs.size();
    }

    private static boolean containsAny(String text, BitSet chars) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128 && chars.get(c)) {
                return true;
            }
        }
        return false;
    }

    private static final class Unreadable extends RuntimeException {
        Unreadable() {
            super(null, null, false, false);
        }
    }

    /**
     * A recursive-descent reading of the expression: an alternation requires what all its branches
     * require; a sequence requires what each of its mandatory items requires.
     */
    private static final class Parser {
        private static final String META = "\\^$.|?*+()[]{}";
        private final String re;
        private int at;

        Parser(String re) {
            this.re = re;
        }

        Set<BitSet> alternation() {
            Set<BitSet> all = sequence();
            while (at < re.length() && re.charAt(at) == '|') {
                at++;
                all.retainAll(sequence());
            }
            return all;
        }

        private Set<BitSet> sequence() {
            Set<BitSet> out = new HashSet<>();
            while (at < re.length() && re.charAt(at) != '|' && re.charAt(at) != ')') {
                Set<BitSet> item = item();
                if (quantifierAllowsNone()) {
                    continue;
                }
                out.addAll(item);
            }
            return out;
        }

        /** One atom: what it requires when it occurs once. */
        private Set<BitSet> item() {
            char c = re.charAt(at++);
            switch (c) {
                case '(' -> {
                    boolean counts = true;
                    if (at < re.length() && re.charAt(at) == '?') {
                        if (re.startsWith("?:", at)) {
                            at += 2;
                        } else if (re.startsWith("?=", at) || re.startsWith("?!", at)) {
                            at += 2;
                            counts = false;
                        } else if (re.startsWith("?<=", at) || re.startsWith("?<!", at)) {
                            at += 3;
                            counts = false;
                        } else {
                            throw new Unreadable();   // inline flags, named or atomic groups
                        }
                    }
                    Set<BitSet> inner = alternation();
                    if (at >= re.length() || re.charAt(at) != ')') {
                        throw new Unreadable();
                    }
                    at++;
                    return counts ? inner : new HashSet<>();
                }
                case '[' -> {
                    return set(charClass());
                }
                case '\\' -> {
                    return escape();
                }
                case '.', '^', '$' -> {
                    return new HashSet<>();
                }
                case '*', '+', '?', '{', ')', ']', '}' -> throw new Unreadable();
                default -> {
                    return literal(c);
                }
            }
        }

        private Set<BitSet> escape() {
            if (at >= re.length()) {
                throw new Unreadable();
            }
            char c = re.charAt(at++);
            if (c == 'd') {
                BitSet digits = new BitSet(128);
                digits.set('0', '9' + 1);
                return set(digits);
            }
            if ("bBAzZGwWsSD".indexOf(c) >= 0) {
                return new HashSet<>();   // boundaries, or classes too wide to be worth requiring
            }
            if (c < 128 && !Character.isLetterOrDigit(c)) {
                return literal(c);        // an escaped metacharacter or punctuation
            }
            throw new Unreadable();       // p, Q, x, u, t escapes, back references, ...
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

        /** A bracket class; null when it is negated or holds something but ASCII non-letters and digits. */
        private BitSet charClass() {
            boolean negated = at < re.length() && re.charAt(at) == '^';
            if (negated) {
                at++;
            }
            BitSet chars = new BitSet(128);
            boolean wide = negated;
            boolean first = true;
            while (true) {
                if (at >= re.length()) {
                    throw new Unreadable();
                }
                char c = re.charAt(at++);
                if (c == ']' && !first) {
                    break;
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
                        chars.set('0', '9' + 1);
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
                    for (char x = c; x <= to && x < 128; x++) {
                        wide |= Character.isLetter(x);
                        chars.set(x);
                    }
                    wide |= to >= 128;
                    continue;
                }
                if (c >= 128 || Character.isLetter(c)) {
                    wide = true;              // letters match other cases, and other characters too
                }
                chars.set(Math.min(c, 127));
            }
            return wide ? null : chars;
        }

        private static Set<BitSet> set(BitSet chars) {
            Set<BitSet> out = new HashSet<>();
            if (chars != null && !chars.isEmpty()) {
                out.add(chars);
            }
            return out;
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
                at++;                         // lazy or possessive: the same occurrences
            }
            if (at < re.length() && META.indexOf(re.charAt(at)) >= 0 && "*+?{".indexOf(re.charAt(at)) >= 0) {
                throw new Unreadable();
            }
            return none;
        }
    }
}
