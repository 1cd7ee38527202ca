package dev.feedbackloop.routing;

import java.util.List;

/**
 * What the rules recognised in a task text.
 *
 * @param taskType the winning type (the fallback type when nothing matched)
 * @param clarity  in [0.5, 1]: 1 when no other type scored, 0.5 on a tie with the runner-up
 * @param scores   every type that scored, best first (ties in rules order)
 */
public record Classification(TaskTypeRule taskType, double clarity, List<Score> scores) {
    public Classification {
        scores = List.copyOf(scores);
    }

    /** One task type's score and the signals (keywords, patterns) that produced it. */
    public record Score(String taskType, int score, List<String> signals) {
        public Score {
            signals = List.copyOf(signals);
        }
    }

    /** Whether any keyword or pattern matched at all. */
    public boolean matched() {
        return !scores.isEmpty();
    }

    /** The signals of the winning type; empty when nothing matched. */
    public List<String> signals() {
        return scores.isEmpty() ? List.of() : scores.get(0).signals();
    }
}
