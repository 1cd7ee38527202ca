package dev.feedbackloop.lifecycle;

import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.internal.Timestamps;
import dev.feedbackloop.storage.FeedbackQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deletion asked for in JSON (the API's {@code POST /api/v1/deletions}): {@code feedback_id},
 * {@code rater_id}, {@code since}, {@code until}, {@code min_rating}, {@code max_rating},
 * {@code thumbs_up}, {@code tags} (a list or "a,b"), {@code older_than} ("180d": sets {@code until}
 * to now less that age) and {@code dry_run}. Unknown fields are refused, so a typo cannot widen a
 * deletion.
 */
public record DeletionRequest(DeletionFilter filter, boolean dryRun) {
    private static final Set<String> FIELDS = Set.of("feedback_id", "rater_id", "since", "until", "min_rating",
            "max_rating", "thumbs_up", "tags", "older_than", "dry_run");

    /** @throws InvalidInputException naming the field that is wrong */
    public static DeletionRequest of(Map<String, Object> body, Instant now) {
        for (String k : body.keySet()) {
            if (!FIELDS.contains(k)) {
                throw new InvalidInputException("unknown field '" + k + "'; a deletion takes " + new java.util.TreeSet<>(FIELDS), k);
            }
        }
        Instant until = instant(body, "until");
        if (body.get("older_than") != null) {
            if (until != null) {
                throw new InvalidInputException("give until or older_than, not both", "older_than");
            }
            String age = text(body, "older_than");
            try {
                until = Retention.cutoff(now, Retention.parseAge(age));
            } catch (InvalidInputException e) {
                throw new InvalidInputException("older_than '" + age + "': " + e.getMessage(), "older_than");
            }
        }
        FeedbackQuery where = new FeedbackQuery(instant(body, "since"), until, integer(body, "min_rating"),
                integer(body, "max_rating"), bool(body, "thumbs_up"), tags(body), null);
        Boolean dry = bool(body, "dry_run");
        return new DeletionRequest(new DeletionFilter(text(body, "feedback_id"), text(body, "rater_id"), where),
                dry != null && dry);
    }

    private static String text(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new InvalidInputException(field + " must be a string", field);
    }

    private static Instant instant(Map<String, Object> body, String field) {
        String v = text(body, field);
        try {
            return v == null ? null : Timestamps.parse(v);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(field + ": " + e.getMessage(), field);
        }
    }

    private static Integer integer(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer || v instanceof Long) {
            long n = ((Number) v).longValue();
            if (n >= 1 && n <= 5) {
                return (int) n;
            }
        }
        throw new InvalidInputException(field + " must be an integer from 1 to 5", field);
    }

    private static Boolean bool(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (v == null || v instanceof Boolean) {
            return (Boolean) v;
        }
        throw new InvalidInputException(field + " must be true or false", field);
    }

    private static List<String> tags(Map<String, Object> body) {
        Object v = body.get("tags");
        if (v == null) {
            return null;
        }
        if (v instanceof String) {
            return FeedbackEntry.parseTags((String) v);
        }
        if (v instanceof List) {
            List<String> out = new ArrayList<>();
            for (Object o : (List<?>) v) {
                if (!(o instanceof String)) {
                    throw new InvalidInputException("tags must be strings", "tags");
                }
                out.add((String) o);
            }
            return out;
        }
        throw new InvalidInputException("tags must be a list of strings or \"a,b\"", "tags");
    }
}
