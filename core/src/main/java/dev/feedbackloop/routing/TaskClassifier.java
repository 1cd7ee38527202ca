package dev.feedbackloop.routing;

import dev.feedbackloop.internal.AsciiChars;
import dev.feedbackloop.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Recognises a task's type from its text: every keyword or pattern of a type that occurs adds its
 * weight once; the highest total wins, ties going to the type listed first in the rules. No
 * match at all gives the rules' fallback type. Immutable and thread-safe.
 */
public final class TaskClassifier {
    private final RoutingRules rules;
    private final List<TypeSignals> types = new ArrayList<>();
    /** Every keyword of every type, found in one pass over a task. */
    private final Keywords keywords;
    /** For {@link #typeOf}: each keyword's type (index in {@link #types}) and weight. */
    private final int[] keywordType;
    private final int[] keywordWeight;
    /** For {@link #typeOf}: the patterns, each with its type's index. */
    private final List<Signal> patterns = new ArrayList<>();
    private final List<Integer> patternType = new ArrayList<>();

    public TaskClassifier(RoutingRules rules) {
        this.rules = rules;
        List<String> words = new ArrayList<>();
        List<Integer> wordTypes = new ArrayList<>();
        List<Integer> wordWeights = new ArrayList<>();
        for (TaskTypeRule t : rules.taskTypes()) {
            int type = types.size();
            List<Signal> signals = new ArrayList<>();
            t.keywords().forEach((k, w) -> {
                signals.add(new Signal(k, null, w, words.size(), null, null, null));
                words.add(k);
                wordTypes.add(type);
                wordWeights.add(w);
            });
            t.patterns().forEach(p -> {
                Signal s = new Signal(p.label(), p.compile(), p.weight(), -1, plain(p.regex()) ? p.regex() : null,
                        RequiredChars.of(p.regex()), StartChars.of(p.regex()).orElse(null));
                signals.add(s);
                patterns.add(s);
                patternType.add(type);
            });
            types.add(new TypeSignals(t, List.copyOf(signals)));
        }
        keywords = new Keywords(words);
        keywordType = wordTypes.stream().mapToInt(Integer::intValue).toArray();
        keywordWeight = wordWeights.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The classifier of the bundled rules ({@link RoutingRules#defaults()}), built on first use: the
     * one that gives stored entries their {@code task_class}, whoever writes them.
     */
    public static TaskClassifier bundled() {
        return Bundled.CLASSIFIER;
    }

    private static final class Bundled {
        static final TaskClassifier CLASSIFIER = new TaskClassifier(RoutingRules.defaults());
    }

    /** @throws InvalidInputException when the task is null or blank */
    public Classification classify(String task) {
        if (task == null || task.isBlank()) {
            throw new InvalidInputException("task is required and must not be empty");
        }
        Scanned text = Scanned.of(task);
        boolean[] found = keywords.find(text.chars(), k -> { });
        List<Classification.Score> scores = new ArrayList<>();
        for (TypeSignals t : types) {
            int score = 0;
            List<String> hits = new ArrayList<>();
            for (Signal s : t.signals) {
                if (s.in(task, text, found)) {
                    score += s.weight;
                    hits.add(s.text);
                }
            }
            if (score > 0) {
                scores.add(new Classification.Score(t.rule.name(), score, hits));
            }
        }
        scores.sort(Comparator.comparingInt(Classification.Score::score).reversed());
        if (scores.isEmpty()) {
            return new Classification(rules.fallback(), 1.0, List.of());
        }
        int top = scores.get(0).score();
        int second = scores.size() > 1 ? scores.get(1).score() : 0;
        double clarity = 0.5 + 0.5 * (top - second) / top;
        TaskTypeRule winner = rules.taskType(scores.get(0).taskType()).orElseThrow();
        return new Classification(winner, clarity, scores);
    }

    /**
     * The name of {@link #classify}'s task type, without its scores and signals: what storing the
     * type of many entries needs. A null or blank task has none (null).
     */
    public String typeOf(String task) {
        if (task == null || task.isBlank()) {
            return null;
        }
        // the same sums as classify's, added as keywords are found rather than asked of every signal
        Scanned text = Scanned.of(task);
        int[] scores = new int[types.size()];
        keywords.find(text.chars(), k -> scores[keywordType[k]] += keywordWeight[k]);
        for (int p = 0; p < patterns.size(); p++) {
            if (patterns.get(p).in(task, text, null)) {
                scores[patternType.get(p)] += patterns.get(p).weight;
            }
        }
        int best = -1;
        for (int t = 0; t < scores.length; t++) {
            if (scores[t] > 0 && (best < 0 || scores[t] > scores[best])) {   // ties: the type listed first
                best = t;
            }
        }
        return (best >= 0 ? types.get(best).rule : rules.fallback()).name();
    }

    /** Whole words or phrases, case-insensitive; a trailing * matches any word ending. */
    static Pattern keyword(String keyword) {
        boolean prefix = keyword.endsWith("*");
        String body = prefix ? keyword.substring(0, keyword.length() - 1) : keyword;
        StringBuilder regex = new StringBuilder("(?<![\\w])");
        String[] words = body.strip().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            regex.append(i > 0 ? "\\s+" : "").append(Pattern.quote(words[i]));
        }
        regex.append(prefix ? "[\\w-]*" : "(?![\\w])");
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /**
     * Each char as the case-insensitive, Unicode-case regular expressions compare it
     * ({@code toLowerCase(toUpperCase(c))}).
     */
    static String fold(String text) {
        char[] out = new char[text.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = fold(text.charAt(i));
        }
        return new String(out);
    }

    /** {@link #fold(String)} of one char ({@link AsciiChars#fold}). */
    static char fold(char c) {
        return AsciiChars.fold(c);
    }

    /**
     * A task read once: its chars (each pass over the task reads this array: under the JIT's quick tier,
     * which runs small imports, far cheaper than {@code String.charAt}; not to be modified), and which
     * ASCII characters it holds (bit {@code c} of {@code low} for c below 64, of {@code high} for 64 to
     * 127), for {@link RequiredChars#mayMatch(long, long)}.
     */
    record Scanned(char[] chars, long low, long high) {
        static Scanned of(String text) {
            char[] chars = text.toCharArray();
            long low = 0;
            long high = 0;
            for (char c : chars) {
                if (c < 64) {
                    low |= 1L << c;
                } else if (c < 128) {
                    high |= 1L << (c - 64);
                }
            }
            return new Scanned(chars, low, high);
        }
    }

    /**
     * Keywords matched as {@link #keyword(String)}'s expressions match them, all at once and without
     * regular expressions: a trie of their folded words ({@link #fold}), walked from every position
     * not preceded by a word character; between two words of a keyword, one or more whitespace
     * characters; after its last word (unless it ends in {@code *}) no word character. One pass
     * over the task whatever the number of keywords, where a search per keyword read the task once
     * per keyword; {@code TaskClassifierTest} checks that both agree with the expressions.
     */
    static final class Keywords {
        private final int size;
        private final Node root = new Node();

        Keywords(List<String> keywords) {
            size = keywords.size();
            for (int k = 0; k < keywords.size(); k++) {
                String keyword = keywords.get(k);
                boolean prefix = keyword.endsWith("*");
                String body = keyword.substring(0, keyword.length() - (prefix ? 1 : 0));
                String[] words = body.strip().split("\\s+");
                Node n = root;
                for (int w = 0; w < words.length; w++) {
                    if (w > 0) {
                        n = n.space != null ? n.space : (n.space = new Node());
                    }
                    for (char c : fold(words[w]).toCharArray()) {
                        n = n.childOrNew(c);
                    }
                }
                if (prefix) {
                    n.prefixEnds = append(n.prefixEnds, k);
                } else {
                    n.ends = append(n.ends, k);
                }
            }
            root.index();
        }

        /** Which keywords occur in {@code task}, by their index in the constructor's list. */
        boolean[] find(String task) {
            return find(task.toCharArray(), k -> { });
        }

        /** As {@link #find(String)} (given the task's chars), telling {@code first} each keyword's index when it is first found. */
        boolean[] find(char[] task, java.util.function.IntConsumer first) {
            boolean[] found = new boolean[size];
            int length = task.length;
            for (int i = 0; i < length; i++) {
                if (i == 0 || !word(task[i - 1])) {
                    walk(task, i, found, first);
                }
            }
            return found;
        }

        /** Folds the task's chars as it goes ({@link #fold(char)}): most walks end after a char or two. */
        private void walk(char[] task, int from, boolean[] found, java.util.function.IntConsumer first) {
            Node n = root;
            int j = from;
            int length = task.length;
            while (true) {
                for (int k : n.prefixEnds) {
                    mark(found, k, first);
                }
                if (n.ends.length > 0 && (j == length || !word(task[j]))) {
                    for (int k : n.ends) {
                        mark(found, k, first);
                    }
                }
                if (j == length) {
                    return;
                }
                char c = fold(task[j]);
                if (space(c)) {
                    if (n.space == null) {
                        return;
                    }
                    while (j < length && space(task[j])) {   // no other char folds to a space
                        j++;
                    }
                    n = n.space;
                } else {
                    n = n.child(c);
                    if (n == null) {
                        return;
                    }
                    j++;
                }
            }
        }

        private static void mark(boolean[] found, int k, java.util.function.IntConsumer first) {
            if (!found[k]) {
                found[k] = true;
                first.accept(k);
            }
        }

        private static int[] append(int[] to, int k) {
            int[] out = java.util.Arrays.copyOf(to, to.length + 1);
            out[to.length] = k;
            return out;
        }

        /** {@code \\w} without UNICODE_CHARACTER_CLASS. */
        private static boolean word(char c) {
            return AsciiChars.isWord(c);
        }

        /** {@code \\s} without UNICODE_CHARACTER_CLASS. */
        private static boolean space(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
        }

        /** A prefix of some keywords' folded text. */
        private static final class Node {
            private static final int[] NONE = {};
            private char[] keys = {};
            private Node[] kids = {};
            /** Indexed by char below 128 once {@link #index} found many children; else null. */
            private Node[] table;
            /** Where the next word of a keyword starts, after whitespace. */
            private Node space;
            private int[] ends = NONE;
            private int[] prefixEnds = NONE;

            Node child(char c) {
                if (table != null && c < 128) {
                    return table[c];
                }
                for (int i = 0; i < keys.length; i++) {
                    if (keys[i] == c) {
                        return kids[i];
                    }
                }
                return null;
            }

            Node childOrNew(char c) {
                Node n = child(c);
                if (n == null) {
                    keys = java.util.Arrays.copyOf(keys, keys.length + 1);
                    kids = java.util.Arrays.copyOf(kids, kids.length + 1);
                    keys[keys.length - 1] = c;
                    n = kids[kids.length - 1] = new Node();
                }
                return n;
            }

            /** Gives nodes with many children a table, after the last keyword is added. */
            void index() {
                if (keys.length > 4) {
                    boolean allAscii = true;
                    for (char c : keys) {
                        allAscii &= c < 128;
                    }
                    if (allAscii) {
                        table = new Node[128];
                        for (int i = 0; i < keys.length; i++) {
                            table[keys[i]] = kids[i];
                        }
                    }
                }
                for (Node k : kids) {
                    k.index();
                }
                if (space != null) {
                    space.index();
                }
            }
        }
    }

    /**
     * A regular expression that only matches itself, whatever the case: ASCII without letters and
     * without metacharacters (such as three backquotes), found with {@link String#contains}.
     */
    static boolean plain(String regex) {
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c >= 128 || Character.isLetter(c) || "\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        return !regex.isEmpty();
    }

    /**
     * A keyword (its index in {@link #keywords}, {@code pattern} null) or a regular expression
     * ({@code literal} set when it is {@link #plain}; else run only on tasks holding the characters
     * it {@code requires}, and only where a match can start when {@code starts} is known, else null).
     */
    private record Signal(String text, Pattern pattern, int weight, int keyword, String literal,
            RequiredChars requires, StartChars starts) {
        boolean in(String task, Scanned text, boolean[] found) {
            if (pattern == null) {
                return found[keyword];
            }
            if (literal != null) {
                return task.contains(literal);
            }
            return requires.mayMatch(text.low(), text.high())
                    && (starts != null ? starts.find(pattern, task, text.chars()) : pattern.matcher(task).find());
        }
    }

    private record TypeSignals(TaskTypeRule rule, List<Signal> signals) {
    }
}
