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

    /** The specification's {@code get_statistics} dictionary: {@code stats --json} and {@code GET /api/v1/stats}. */
    public java.util.Map<String, Object> toMap() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("total_feedback", total());
        m.put("avg_rating", avgRating());
        m.put("positive_count", positive());
        m.put("negative_count", negative());
        m.put("neutral_count", neutral());
        m.put("success_rate", successRate());
        m.put("thumbs_up_count", thumbsUp());
        m.put("thumbs_down_count", thumbsDown());
        m.put("thumbs_up_rate", thumbsUpRate());
        java.util.Map<String, Object> dist = new java.util.LinkedHashMap<>();
        ratingDistribution().forEach((k, v) -> dist.put(k.toString(), v));
        m.put("rating_distribution", dist);
        return m;
    }
}
