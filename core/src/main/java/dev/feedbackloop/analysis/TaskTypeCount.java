package dev.feedbackloop.analysis;

/**
 * Entries of one task type (stratum) in a window.
 *
 * @param count       entries of this type
 * @param classified  of them, typed by the router's classifier (the rest named it in {@code context.task_type})
 * @param successRate their success rate
 * @param enoughData  count at least the analysis' minimum support (a thinner stratum still counts in
 *                    the pooled comparisons, but gets no finding of its own)
 */
public record TaskTypeCount(long count, long classified, double successRate, boolean enoughData) {
}
