package dev.feedbackloop.routing;

/**
 * Outcome counts of one (task type, framework) or a group of them.
 *
 * @param outcomes          attributed outcomes, unweighted
 * @param positives         positive ones ({@code Outcome.POSITIVE}), unweighted
 * @param weightedOutcomes  outcomes after time decay (1 for today, 0.5 one half-life ago); equal
 *                          to {@code outcomes} where no decay applies
 * @param weightedPositives positives after time decay
 */
public record Tally(long outcomes, long positives, double weightedOutcomes, double weightedPositives) {
    public static final Tally EMPTY = new Tally(0, 0, 0, 0);

    public Tally plus(Tally o) {
        return new Tally(outcomes + o.outcomes, positives + o.positives, weightedOutcomes + o.weightedOutcomes,
                weightedPositives + o.weightedPositives);
    }

    public double weightedFailures() {
        return Math.max(0, weightedOutcomes - weightedPositives);
    }
}
