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
            t.keywords().forEach((k, w) -> signals.add(new Signal(k, keyword(k), w)));
            t.patterns().forEach(p -> signals.add(new Signal(p.label(), p.compile(), p.weight())));
            types.add(new TypeSignals(t, List.copyOf(signals)));
        }
    }

    /** @throws InvalidInputException when the task is null or blank */
    public Classification classify(String task) {
        if (task == null || task.isBlank()) {
            throw new InvalidInputException("task is required and must not be empty");
        }
        List<Classification.Score> scores = new ArrayList<>();
        for (TypeSignals t : types) {
            int score = 0;
            List<String> hits = new ArrayList<>();
            for (Signal s : t.signals) {
                if (s.pattern.matcher(task).find()) {
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

    private record Signal(String text, Pattern pattern, int weight) {
    }

    private record TypeSignals(TaskTypeRule rule, List<Signal> signals) {
    }
}
