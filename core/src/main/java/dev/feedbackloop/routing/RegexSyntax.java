package dev.feedbackloop.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * The part of {@link java.util.regex.Pattern}'s syntax that the classifier's pre-checks read
 * ({@link RequiredChars}, {@link StartChars}), as a tree: alternations of sequences of quantified
 * items. Anything else (inline flags, named or atomic groups, back references, {@code \p}, {@code \Q},
 * {@code \x} and other letter escapes, nested classes and intersections, ...) is {@link Unreadable},
 * and each pre-check then assumes nothing of the expression. Immutable values.
 */
final class RegexSyntax {
    private RegexSyntax() {
    }

    /** Thrown for what this does not read, and by a pre-check for what it will not interpret. */
    static final class Unreadable extends RuntimeException {
        Unreadable() {
            super(null, null, false, false);
        }
    }

    /** Branches separated by {@code |}. */
    record Alternation(List<Sequence> branches) {
    }

    record Sequence(List<Quantified> items) {
    }

    /**
     * An item and its quantifier.
     *
     * @param min  the fewest occurrences the quantifier allows (1 without one)
     * @param once no quantifier: exactly one occurrence
     */
    record Quantified(Item item, int min, boolean once) {
    }

    sealed interface Item permits Group, CharClass, Escape, Literal, Other {
    }

    /** {@code (...)}, {@code (?:...)}, or a look-ahead or look-behind ({@code lookAround}: consumes nothing). */
    record Group(Alternation inner, boolean lookAround) implements Item {
    }

    /** {@code [...]}: ranges of characters (a single character is a range of one; {@code \d} is 0-9). */
    record CharClass(boolean negated, List<Range> ranges) implements Item {
    }

    record Range(char from, char to) {
    }

    /** A letter escape outside a class: one of {@code d b B w s W S D A z Z G}. */
    record Escape(char letter) implements Item {
    }

    /** A character matching itself: plain, or an escaped ASCII character that is not a letter or digit. */
    record Literal(char c) implements Item {
    }

    /** {@code .}, {@code ^} or {@code $}. */
    record Other(char c) implements Item {
    }

    /** @throws Unreadable when the expression is not (only) of the syntax read here */
    static Alternation parse(String regex) {
        Parser p = new Parser(regex);
        Alternation a = p.alternation();
        if (p.at != regex.length()) {
            throw new Unreadable();
        }
        return a;
    }

    private static final class Parser {
        private final String re;
        private int at;

        Parser(String re) {
            this.re = re;
        }

        Alternation alternation() {
            List<Sequence> branches = new ArrayList<>();
            branches.add(sequence());
            while (at < re.length() && re.charAt(at) == '|') {
                at++;
                branches.add(sequence());
            }
            return new Alternation(List.copyOf(branches));
        }

        private Sequence sequence() {
            List<Quantified> items = new ArrayList<>();
            while (at < re.length() && re.charAt(at) != '|' && re.charAt(at) != ')') {
                Item item = item();
                items.add(quantified(item));
            }
            return new Sequence(List.copyOf(items));
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
                    Alternation inner = alternation();
                    if (at >= re.length() || re.charAt(at) != ')') {
                        throw new Unreadable();
                    }
                    at++;
                    return new Group(inner, lookAround);
                }
                case '[' -> {
                    return charClass();
                }
                case '\\' -> {
                    return escape();
                }
                case '.', '^', '$' -> {
                    return new Other(c);
                }
                case '*', '+', '?', '{', ')', ']', '}' -> throw new Unreadable();
                default -> {
                    return new Literal(c);
                }
            }
        }

        private Item escape() {
            if (at >= re.length()) {
                throw new Unreadable();
            }
            char c = re.charAt(at++);
            if ("dbBwsWSDAzZG".indexOf(c) >= 0) {
                return new Escape(c);
            }
            if (c < 128 && !Character.isLetterOrDigit(c)) {
                return new Literal(c);        // an escaped metacharacter or punctuation
            }
            throw new Unreadable();           // p, Q, x, u, t escapes, back references, ...
        }

        private CharClass charClass() {
            boolean negated = at < re.length() && re.charAt(at) == '^';
            if (negated) {
                at++;
            }
            List<Range> ranges = new ArrayList<>();
            boolean first = true;
            while (true) {
                if (at >= re.length()) {
                    throw new Unreadable();
                }
                char c = re.charAt(at++);
                if (c == ']' && !first) {
                    return new CharClass(negated, List.copyOf(ranges));
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
                        ranges.add(new Range('0', '9'));
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
                    ranges.add(new Range(c, to));
                    continue;
                }
                ranges.add(new Range(c, c));
            }
        }

        /** Reads the quantifier after {@code item}, if any. */
        private Quantified quantified(Item item) {
            if (at >= re.length()) {
                return new Quantified(item, 1, true);
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
                return new Quantified(item, 1, true);
            }
            if (at < re.length() && (re.charAt(at) == '?' || re.charAt(at) == '+')) {
                at++;                         // lazy or possessive: the same occurrences
            }
            if (at < re.length() && "*+?{".indexOf(re.charAt(at)) >= 0) {
                throw new Unreadable();
            }
            return new Quantified(item, min, false);
        }
    }
}
