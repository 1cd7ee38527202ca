package dev.feedbackloop.lifecycle;

import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.storage.FeedbackQuery;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which entries a deletion removes: all conditions together (AND). At least one must be given, so
 * that no filter never means "everything". Replaced votes in history that match go too (they hold
 * what a person typed). An age-only filter ({@link #olderThan}) is a purge: kept outputs created
 * before the cut-off go as well.
 *
 * @param feedbackId one entry, or null
 * @param raterId    everything one rater gave, or null
 * @param where      the {@code list} filters (time bounds, ratings, thumbs, tags); without a limit
 */
public record DeletionFilter(String feedbackId, String raterId, FeedbackQuery where) {
    public DeletionFilter {
        where = where == null ? FeedbackQuery.ALL : where;
        if (where.limit() != null) {
            throw new InvalidInputException("a deletion has no limit: it deletes every matching entry");
        }
        feedbackId = blankToNull(feedbackId, "feedback id");
        raterId = blankToNull(raterId, "rater");
        if (feedbackId == null && raterId == null && where.equals(FeedbackQuery.ALL)) {
            throw new InvalidInputException("say what to delete: an id, a rater, or at least one filter "
                    + "(--since, --until, --min-rating, --max-rating, --thumbs-up/--thumbs-down, --tags)");
        }
    }

    public static DeletionFilter byId(String feedbackId) {
        return new DeletionFilter(feedbackId, null, null);
    }

    public static DeletionFilter byRater(String raterId) {
        return new DeletionFilter(null, raterId, null);
    }

    public static DeletionFilter where(FeedbackQuery query) {
        return new DeletionFilter(null, null, query);
    }

    /** Everything stored before {@code cutoff}: the retention purge. */
    public static DeletionFilter olderThan(java.time.Instant cutoff) {
        return where(FeedbackQuery.between(null, cutoff));
    }

    /** True for a purge by age only: then kept outputs older than the cut-off go too. */
    public boolean ageOnly() {
        return feedbackId == null && raterId == null && where.until() != null
                && where.equals(FeedbackQuery.between(null, where.until()));
    }

    /**
     * The filter as the audit trail keeps it: free of what was deleted. The rater's id, which names a
     * person, is kept only as its SHA-256 (anyone who knows the id can check that it was deleted).
     */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (feedbackId != null) {
            m.put("feedback_id", feedbackId);
        }
        if (raterId != null) {
            m.put("rater_sha256", sha256(raterId));
        }
        if (where.since() != null) {
            m.put("since", where.since().toString());
        }
        if (where.until() != null) {
            m.put("until", where.until().toString());
        }
        if (where.minRating() != null) {
            m.put("min_rating", where.minRating());
        }
        if (where.maxRating() != null) {
            m.put("max_rating", where.maxRating());
        }
        if (where.thumbsUp() != null) {
            m.put("thumbs_up", where.thumbsUp());
        }
        if (!where.tags().isEmpty()) {
            m.put("tags", where.tags());
        }
        return m;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String blankToNull(String value, String what) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            throw new InvalidInputException("the " + what + " to delete is empty");
        }
        return value.strip();
    }
}
