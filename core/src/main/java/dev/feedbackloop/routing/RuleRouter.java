package dev.feedbackloop.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The rule-based router, the specification's {@code route_prompt(task)}: classify the task, then
 * take the type's default framework, its techniques, model and confidence from the rules. Pure
 * (no I/O), immutable and thread-safe.
 *
 * <p>Confidence: the type's rule confidence times the classification's clarity (1 when no other
 * type scored, down to 0.5 on a tie); the rules' {@code unmatched_confidence} when nothing matched.
 */
public final class RuleRouter {
    static final String STATIC_BASIS = "rule confidence of the task type times classification clarity";

    private final RoutingRules rules;
    private final TaskClassifier classifier;

    public RuleRouter(RoutingRules rules) {
        this.rules = rules;
        this.classifier = new TaskClassifier(rules);
    }

    public RoutingRules rules() {
        return rules;
    }

    /** @throws dev.feedbackloop.InvalidInputException when the task is blank */
    public RoutingDecision route(String task) {
        return decide(classifier.classify(task));
    }

    public Classification classify(String task) {
        return classifier.classify(task);
    }

    RoutingDecision decide(Classification c) {
        TaskTypeRule type = c.taskType();
        String framework = type.defaultFramework();
        double confidence = c.matched() ? round(type.confidence() * c.clarity()) : rules.unmatchedConfidence();
        String reasoning = describeTask(c) + "; the rules use " + framework + " for " + type.description()
                + "; model " + type.model() + ".";
        DecisionExplanation explanation = new DecisionExplanation(c.scores(), STATIC_BASIS, null, null, null, null);
        return new RoutingDecision(type.name(), framework, techniques(type, framework), type.model(), confidence,
                reasoning, type.candidates(), framework, RouterMode.STATIC, explanation);
    }

    /** The framework's techniques followed by the task type's own, without repeats. */
    List<String> techniques(TaskTypeRule type, String framework) {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        FrameworkRule fw = rules.frameworks().get(framework);
        if (fw != null) {
            all.addAll(fw.techniques());
        }
        all.addAll(type.techniques());
        return new ArrayList<>(all);
    }

    static String describeTask(Classification c) {
        if (!c.matched()) {
            return "No task-type keyword matched, so treated as " + c.taskType().name();
        }
        String text = "Classified as " + c.taskType().name() + " (signals: " + String.join(", ", c.signals()) + ")";
        if (c.scores().size() > 1) {
            Classification.Score second = c.scores().get(1);
            text += String.format(Locale.ROOT, ", ahead of %s (%d vs %d)", second.taskType(),
                    c.scores().get(0).score(), second.score());
        }
        return text;
    }

    static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
