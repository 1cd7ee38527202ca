package dev.feedbackloop.capture;

/**
 * The one definition of success used everywhere (analysis, statistics, reports, router).
 *
 * <ul>
 *   <li>positive: rating &ge; 4 and thumbs up</li>
 *   <li>negative: rating &le; 2 or thumbs down</li>
 *   <li>neutral: everything else (rating 3 with thumbs up)</li>
 * </ul>
 * Success rate = positive / total. Positive and negative are disjoint by construction.
 */
public enum Outcome {
    POSITIVE, NEUTRAL, NEGATIVE;

    public static Outcome of(int rating, boolean thumbsUp) {
        if (rating >= 4 && thumbsUp) {
            return POSITIVE;
        }
        if (rating <= 2 || !thumbsUp) {
            return NEGATIVE;
        }
        return NEUTRAL;
    }

    /** Thumbs implied by a rating when the user gave none (the original tool's rule). */
    public static boolean impliedThumbsUp(int rating) {
        return rating >= 4;
    }
}
