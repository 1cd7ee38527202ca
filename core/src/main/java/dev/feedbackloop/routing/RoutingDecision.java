package dev.feedbackloop.routing;

import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.internal.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A routing decision: the specification's {@code route_prompt} result (primary framework,
 * techniques, model recommendation, confidence, reasoning) plus the task type and how it was made.
 * Its map form ({@link #toMap}, printed by {@code route --json}) is what
 * {@code FeedbackEntry.Builder.routing} and {@code capture --routing} take, so feedback can be
 * attributed to the decision.
 *
 * @param candidates    the frameworks considered, rule default first
 * @param ruleFramework the framework the rules alone would choose
 * @param mode          the mode that decided (AUTO resolves to STATIC or LEARNING)
 * @param explanation   the numbers behind it; never null
 */
public record RoutingDecision(
        String taskType,
        String primaryFramework,
        List<String> techniques,
        String modelRecommendation,
        double confidence,
        String reasoning,
        List<String> candidates,
        String ruleFramework,
        RouterMode mode,
        DecisionExplanation explanation) {

    public RoutingDecision {
        requireText(taskType, "task_type");
        requireText(primaryFramework, "primary_framework");
        requireText(modelRecommendation, "model_recommendation");
        requireText(ruleFramework, "rule_framework");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new InvalidInputException("confidence must be in [0, 1], got " + confidence);
        }
        techniques = List.copyOf(techniques);
        candidates = List.copyOf(candidates);
        reasoning = reasoning == null ? "" : reasoning;
        if (mode == null || mode == RouterMode.AUTO) {
            throw new InvalidInputException("a decision's mode is static, baseline or learning");
        }
        java.util.Objects.requireNonNull(explanation, "explanation");
    }

    /** The same decision with another confidence and reasoning (the baseline's nudge). */
    RoutingDecision withConfidence(double newConfidence, String newReasoning, RouterMode newMode,
                                   DecisionExplanation newExplanation) {
        return new RoutingDecision(taskType, primaryFramework, techniques, modelRecommendation, newConfidence,
                newReasoning, candidates, ruleFramework, newMode, newExplanation);
    }

    /** The attribution fields for a feedback context (what {@code FeedbackEntry.Builder.routing} reads). */
    public Map<String, Object> toContext() {
        Map<String, Object> m = toMap(false);
        m.keySet().removeAll(List.of("reasoning", "candidates"));
        return m;
    }

    /** Every field in snake_case; the explanation only when asked for. */
    public Map<String, Object> toMap(boolean withExplanation) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task_type", taskType);
        m.put("primary_framework", primaryFramework);
        m.put("techniques", techniques);
        m.put("model_recommendation", modelRecommendation);
        m.put("confidence", confidence);
        m.put("reasoning", reasoning);
        m.put("candidates", candidates);
        m.put("rule_framework", ruleFramework);
        m.put("mode", mode.label());
        if (withExplanation) {
            m.put("explanation", explanation.toMap());
        }
        return m;
    }

    public String toJson(boolean withExplanation) {
        return Json.write(toMap(withExplanation));
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(name + " is required");
        }
    }
}
