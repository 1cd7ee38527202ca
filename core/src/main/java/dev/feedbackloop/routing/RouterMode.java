package dev.feedbackloop.routing;

import java.util.Locale;

/** How a route is decided. */
public enum RouterMode {
    /** The rules alone. */
    STATIC,
    /**
     * The rules' decision, with the specification's confidence nudge from the framework's recent
     * success rate (&gt; 0.8: confidence x1.1 capped at 1; &lt; 0.5: x0.9). Never changes the decision.
     */
    BASELINE,
    /** Thompson sampling over Beta posteriors learned from stored feedback, the rules as the prior. */
    LEARNING,
    /** LEARNING for a task type that has attributed feedback, STATIC for one that has none. */
    AUTO;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
