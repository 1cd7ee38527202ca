package dev.feedbackloop.storage;

import java.util.Map;

/**
 * The specification's {@code get_statistics} for a range, with success defined by
 * {@link dev.feedbackloop.capture.Outcome}. Rates are 0 when {@code total} is 0.
 *
 * @param ratingDistribution count per rating 1..5 (all five keys present)
 */
public record Statistics(
        long total,
        double avgRating,
        long positive,
        long negative,
        long neutral,
        long thumbsUp,
        long thumbsDown,
        Map<Integer, Long> ratingDistribution) {

    public double successRate() {
        return total == 0 ? 0.0 : (double) positive / total;
    }

    public double thumbsUpRate() {
        return total == 0 ? 0.0 : (double) thumbsUp / total;
    }
}
