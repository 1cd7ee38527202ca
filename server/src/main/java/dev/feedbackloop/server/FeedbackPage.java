package dev.feedbackloop.server;

import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.internal.Timestamps;
import dev.feedbackloop.storage.FeedbackQuery;
import dev.feedbackloop.storage.FeedbackStore;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One page of {@code GET /api/v1/feedback}: the {@code list} filters as query parameters
 * ({@code since, until, min_rating, max_rating, thumbs_up, tags, limit}), newest first, and a
 * {@code next_cursor} while more remain. The cursor is the timestamp of the page's last entry and how
 * many entries of that timestamp were already given: entries captured meanwhile with the same
 * timestamp can make a later page repeat one entry, never skip one.
 */
record FeedbackPage(List<FeedbackEntry> entries, String nextCursor) {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    static FeedbackPage read(FeedbackStore store, Context ctx) {
        int limit = Api.intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        FeedbackQuery q = new FeedbackQuery(Api.instantParam(ctx, "since"), Api.instantParam(ctx, "until"),
                rating(ctx, "min_rating"), rating(ctx, "max_rating"), thumbs(ctx),
                FeedbackEntry.parseTags(ctx.queryParam("tags")), null);
        String cursor = ctx.queryParam("cursor");
        Instant at = null;
        int skip = 0;
        if (cursor != null) {
            String[] parts = decode(cursor);
            at = Timestamps.parse(parts[0]);
            skip = Integer.parseInt(parts[1]);
            Instant until = at.plus(1, ChronoUnit.MICROS);
            if (q.since() != null && !q.since().isBefore(until)) {
                return new FeedbackPage(List.of(), null);
            }
            q = new FeedbackQuery(q.since(), q.until() == null || until.isBefore(q.until()) ? until : q.until(),
                    q.minRating(), q.maxRating(), q.thumbsUp(), q.tags(), null);
        }
        List<FeedbackEntry> found = store.find(q.withLimit(limit + skip + 1));
        List<FeedbackEntry> page = found.subList(Math.min(skip, found.size()), Math.min(skip + limit, found.size()));
        if (found.size() <= skip + limit || page.isEmpty()) {
            return new FeedbackPage(List.copyOf(page), null);
        }
        Instant last = page.get(page.size() - 1).timestamp();
        int sameAsLast = (int) page.stream().filter(e -> e.timestamp().equals(last)).count();
        int carried = last.equals(at) ? skip + sameAsLast : sameAsLast;
        return new FeedbackPage(List.copyOf(page), encode(Timestamps.format(last) + "|" + carried));
    }

    /** {@code {"entries": [...], "next_cursor": ...}}, for {@link dev.feedbackloop.FeedbackJson}. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("entries", entries);
        m.put("next_cursor", nextCursor);
        return m;
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            if (parts.length == 2 && Integer.parseInt(parts[1]) >= 0) {
                return parts;
            }
        } catch (IllegalArgumentException e) {
            // said below
        }
        throw new InvalidInputException("cursor is not one this server gave out", "cursor");
    }


    private static Integer rating(Context ctx, String name) {
        return ctx.queryParam(name) == null ? null : Api.intParam(ctx, name, 0, 1, 5);
    }

    private static Boolean thumbs(Context ctx) {
        String v = ctx.queryParam("thumbs_up");
        if (v == null) {
            return null;
        }
        if (v.equals("true") || v.equals("false")) {
            return Boolean.valueOf(v);
        }
        throw new InvalidInputException("thumbs_up must be true or false, got '" + v + "'", "thumbs_up");
    }
}
