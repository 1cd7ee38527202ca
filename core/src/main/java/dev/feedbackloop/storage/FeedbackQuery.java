package dev.feedbackloop.storage;

import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.capture.FeedbackEntry;
import java.time.Instant;
import java.util.List;

/**
 * Filters of the specification's {@code get_feedback}. Every field is optional (null = no filter).
 * Bounds: {@code since} inclusive, {@code until} exclusive. {@code tags} matches entries carrying any
 * of the tags, applied before {@code limit}. Results are newest first.
 */
public record FeedbackQuery(
        Instant since,
        Instant until,
        Integer minRating,
        Integer maxRating,
        Boolean thumbsUp,
        List<String> tags,
        Integer limit) {

    public static final FeedbackQuery ALL = new FeedbackQuery(null, null, null, null, null, null, null);

    public FeedbackQuery {
        if (minRating != null) {
            FeedbackEntry.checkRating(minRating);
        }
        if (maxRating != null) {
            FeedbackEntry.checkRating(maxRating);
        }
        if (minRating != null && maxRating != null && minRating > maxRating) {
            throw new InvalidInputException("min rating " + minRating + " is above max rating " + maxRating);
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw new InvalidInputException("since (" + since + ") must be before until (" + until + ")");
        }
        if (limit != null && limit < 1) {
            throw new InvalidInputException("limit must be at least 1, got " + limit);
        }
        tags = FeedbackEntry.normaliseTags(tags);
    }

    public static FeedbackQuery between(Instant since, Instant until) {
        return new FeedbackQuery(since, until, null, null, null, null, null);
    }

    public FeedbackQuery withLimit(Integer newLimit) {
        return new FeedbackQuery(since, until, minRating, maxRating, thumbsUp, tags, newLimit);
    }
}
