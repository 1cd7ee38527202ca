package dev.feedbackloop.suggestions;

import dev.feedbackloop.InvalidInputException;

/**
 * What to ask for.
 *
 * @param framework  the framework to focus on; null for all
 * @param days       analysed window, in days back from now
 * @param minSamples fewest entries in the window for an analysis (the specification's min_samples)
 * @param limit      most suggestions to return
 * @param refresh    ask again even when suggestions for the same analysis and options are stored
 */
public record SuggestOptions(String framework, int days, int minSamples, int limit, boolean refresh) {
    public static final int DEFAULT_DAYS = 7;
    public static final int DEFAULT_MIN_SAMPLES = 5;
    public static final int DEFAULT_LIMIT = 5;
    public static final int MAX_LIMIT = 20;

    public SuggestOptions {
        framework = Suggestion.blankToNull(framework);
        if (days < 1) {
            throw new InvalidInputException("days must be at least 1, got " + days);
        }
        if (minSamples < 1) {
            throw new InvalidInputException("min samples must be at least 1, got " + minSamples);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit must be from 1 to " + MAX_LIMIT + ", got " + limit);
        }
    }

    public static SuggestOptions defaults() {
        return new SuggestOptions(null, DEFAULT_DAYS, DEFAULT_MIN_SAMPLES, DEFAULT_LIMIT, false);
    }
}
