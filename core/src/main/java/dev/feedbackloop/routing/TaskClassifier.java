package dev.feedbackloop.routing;

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

    public TaskClassifier(RoutingRules rules) {
        this.rules = rules;
        for (TaskTypeRule t : rules.taskTypes()) {
            List<Signal> signals = new ArrayList<>();
            t.keywords().forEach((k, w) -> signals.add(new Signal(k, null, w, new Keyword(k))));
            t.patterns().forEach(p -> signals.add(new Signal(p.label(), p.compile(), p.weight(), null)));
            types.add(new TypeSignals(t, List.copyOf(signals)));
        }
    }

    /** @throws InvalidInputException when the task is null or blank */
    public Classification classify(String task) {
        if (task == null || task.isBlank()) {
            throw new InvalidInputException("task is required and must not be empty");
        }
        List<Classification.Score> scores = new ArrayList<>();
        String folded = fold(task);
        for (TypeSignals t : types) {
            int score = 0;
            List<String> hits = new ArrayList<>();
            for (Signal s : t.signals) {
                if (s.keyword != null ? s.keyword.in(task, folded) : s.pattern.matcher(task).find()) {
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
            out[i] = Character.toLowerCase(Character.toUpperCase(text.charAt(i)));
        }
        return new String(out);
    }

    /**
     * A keyword matched as {@link #keyword(String)}'s expression matches it, without a regular
     * expression: its folded words found with {@code indexOf} in the folded task, separated by
     * whitespace, not preceded by a word character and (unless it ends in {@code *}) not followed by
     * one. About thirty times faster, which matters when an analysis types many stored entries;
     * {@code TaskClassifierTest} checks that both agree.
     */
    static final class Keyword {
        private final String[] words;
        private final boolean prefix;

        Keyword(String keyword) {
            prefix = keyword.endsWith("*");
            String body = prefix ? keyword.substring(0, keyword.length() - 1) : keyword;
            words = body.strip().split("\\s+");
            for (int i = 0; i < words.length; i++) {
                words[i] = fold(words[i]);
            }
        }

        /** @param folded {@code fold(task)} */
        boolean in(String task, String folded) {
            for (int at = folded.indexOf(words[0]); at >= 0; at = folded.indexOf(words[0], at + 1)) {
                if (at > 0 && word(task.charAt(at - 1))) {
                    continue;
                }
                int end = rest(folded, at + words[0].length());
                if (end >= 0 && (prefix || end == task.length() || !word(task.charAt(end)))) {
                    return true;
                }
            }
            return false;
        }

        /** Where the keyword's later words end when they follow {@code from}; -1 when they do not. */
        private int rest(String folded, int from) {
            int j = from;
            for (int k = 1; k < words.length; k++) {
                int spaceStart = j;
                while (j < folded.length() && space(folded.charAt(j))) {
                    j++;
                }
                if (j == spaceStart || !folded.startsWith(words[k], j)) {
                    return -1;
                }
                j += words[k].length();
            }
            return j;
        }

        /** {@code \\w} without UNICODE_CHARACTER_CLASS. */
        private static boolean word(char c) {
            return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
        }

        /** {@code \\s} without UNICODE_CHARACTER_CLASS. */
        private static boolean space(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
        }
    }

    /** A keyword ({@code keyword} set) or a regular expression ({@code pattern} set). */
    private record Signal(String text, Pattern pattern, int weight, Keyword keyword) {
    }

    private record TypeSignals(TaskTypeRule rule, List<Signal> signals) {
    }
}
