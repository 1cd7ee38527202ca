package dev.feedbackloop.routing;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The numbers behind one candidate framework in a learned decision.
 *
 * @param source            why it is a candidate
 * @param outcomes          attributed outcomes stored for (task type, framework), unweighted
 * @param positives         how many of them were positive ({@code Outcome.POSITIVE})
 * @param weightedOutcomes  the same after decay (today's feedback weighs 1, one half-life ago 0.5)
 * @param weightedPositives positives after decay
 * @param posterior         prior + weighted positives / weighted non-positives
 * @param draw              this decision's Thompson sample from the posterior
 * @param probabilityBest   posterior probability that this framework has the highest success rate
 */
public record CandidateEstimate(
        String framework,
        Source source,
        BetaPosterior prior,
        long outcomes,
        long positives,
        double weightedOutcomes,
        double weightedPositives,
        BetaPosterior posterior,
        double draw,
        double probabilityBest) {

    /** Where a candidate comes from. */
    public enum Source {
        /** The framework the rules choose for the task type. */
        RULE_DEFAULT,
        /** Another framework the rules list for the task type. */
        RULE_CANDIDATE,
        /** Not in the rules for this type, but stored feedback used it for this type. */
        FEEDBACK;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("framework", framework);
        m.put("source", source.label());
        m.put("prior_alpha", prior.alpha());
        m.put("prior_beta", prior.beta());
        m.put("outcomes", outcomes);
        m.put("positives", positives);
        m.put("weighted_outcomes", weightedOutcomes);
        m.put("weighted_positives", weightedPositives);
        m.put("posterior_alpha", posterior.alpha());
        m.put("posterior_beta", posterior.beta());
        m.put("posterior_mean", posterior.mean());
        double[] ci = posterior.credibleInterval(0.95);
        m.put("credible_interval_95", java.util.List.of(ci[0], ci[1]));
        m.put("thompson_draw", draw);
        m.put("probability_best", probabilityBest);
        return m;
    }
}
