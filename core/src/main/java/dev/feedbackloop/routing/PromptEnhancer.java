package dev.feedbackloop.routing;

import dev.feedbackloop.InvalidInputException;

/**
 * Builds the enhanced prompt from a decision, the specification's
 * {@code build_enhanced_prompt(task, routing)}: the framework's approach, the task, then one
 * numbered instruction per technique, in the decision's order. A technique or framework the rules
 * do not describe (one learned from feedback) is named as is. Immutable and thread-safe.
 */
public final class PromptEnhancer {
    private final RoutingRules rules;

    public PromptEnhancer(RoutingRules rules) {
        this.rules = rules;
    }

    /** @throws InvalidInputException when the task is blank */
    public String build(String task, RoutingDecision routing) {
        if (task == null || task.isBlank()) {
            throw new InvalidInputException("task is required and must not be empty");
        }
        FrameworkRule fw = rules.frameworks().get(routing.primaryFramework());
        StringBuilder out = new StringBuilder();
        out.append("Approach: ").append(routing.primaryFramework());
        if (fw != null) {
            out.append(" (").append(fw.description()).append(')');
        }
        out.append(".\n\nTask:\n").append(task.strip()).append('\n');
        if (!routing.techniques().isEmpty()) {
            out.append("\nInstructions:\n");
            int i = 1;
            for (String technique : routing.techniques()) {
                String text = rules.technique(technique).orElse("Apply the technique \"" + technique + "\".");
                out.append(i++).append(". ").append(text).append('\n');
            }
        }
        return out.toString();
    }
}
