package dev.feedbackloop.analysis;

/**
 * Success of one group (a tag, framework or model). Keeps the specification's fields
 * ({@code success_rate}, {@code avg_rating}, counts) and adds the interval.
 *
 * @param enoughData false when {@code count} is below the analysis' minimum support: the group is
 *                   reported but never ranked or called significant
 */
public record GroupPerformance(
        long count,
        long positive,
        long negative,
        double successRate,
        double avgRating,
        Interval ci,
        boolean enoughData) {
}
