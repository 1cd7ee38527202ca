package dev.feedbackloop.routing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the baseline (the specification's confidence nudge) looked at.
 *
 * @param windowDays         the analysed window in whole UTC days (today and the days before)
 * @param windowOutcomes     attributed outcomes of every framework in the window
 * @param frameworkOutcomes  outcomes of the decided framework in the window, all task types
 * @param frameworkPositives positive ones among them
 * @param factor             1.1, 0.9 or 1 (no change)
 */
public record NudgeEvidence(int windowDays, long windowOutcomes, long frameworkOutcomes, long frameworkPositives,
                            double factor) {

    /** Success rate of the framework in the window; NaN when it has no outcomes there. */
    public double frameworkSuccessRate() {
        return frameworkOutcomes == 0 ? Double.NaN : (double) frameworkPositives / frameworkOutcomes;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("window_days", windowDays);
        m.put("window_outcomes", windowOutcomes);
        m.put("framework_outcomes", frameworkOutcomes);
        m.put("framework_positives", frameworkPositives);
        m.put("framework_success_rate", frameworkOutcomes == 0 ? null : frameworkSuccessRate());
        m.put("confidence_factor", factor);
        return m;
    }
}
