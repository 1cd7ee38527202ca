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
            t.keywords().forEach((k, w) -> signals.add(new Signal(k, keyword(k), w, literal(k))));
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
                if ((s.literal == null || folded.contains(s.literal)) && s.pattern.matcher(task).find()) {
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
     * Text that a keyword's match must contain, folded by {@link #fold}: its first word without a
     * trailing {@code *}. Only a filter in front of the regular expression (which decides), so a
     * classification is the same with or without it, and about fifty times faster (most keywords
     * do not occur in a given task).
     */
    static String literal(String keyword) {
        String body = keyword.endsWith("*") ? keyword.substring(0, keyword.length() - 1) : keyword;
        return fold(body.strip().split("\\s+")[0]);
    }

    /**
     * Each char as the case-insensitive, Unicode-case regular expressions compare it
     * ({@code toLowerCase(toUpperCase(c))}), so a text a keyword matches contains its folded literal.
     */
    static String fold(String text) {
        char[] out = new char[text.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Character.toLowerCase(Character.toUpperCase(text.charAt(i)));
        }
        return new String(out);
    }

    /** @param literal folded text every match contains, or null to always run the pattern */
    private record Signal(String text, Pattern pattern, int weight, String literal) {
    }

    private record TypeSignals(TaskTypeRule rule, List<Signal> signals) {
    }
}
