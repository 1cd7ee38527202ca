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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.List;
import java.util.Map;

/**
 * One page of {@code GET /api/v1/feedback}: the {@code list} filters as query parameters
 * ({@code since, until, min_rating, max_rating, thumbs_up, tags, limit}), plus {@code framework},
 * {@code model} and {@code q} (words that must all appear, ignoring case, in the prompt, the output or
 * the notes), newest first, and a {@code next_cursor} while more remain. The cursor is the timestamp
 * of the last entry looked at and how many entries of that timestamp were already looked at:
 * entries captured meanwhile with the same timestamp can make a later page repeat one entry, never
 * skip one. With {@code framework}, {@code model} or {@code q} the entries are read in chunks and
 * matched here (the same way on every database); one page looks at no more than
 * {@link #MAX_EXAMINED} entries, so a rare word answers with fewer entries (maybe none), the number
 * looked at ({@code examined}) and a cursor to go on from.
 */
record FeedbackPage(List<FeedbackEntry> entries, String nextCursor, long examined) {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;
    static final int MAX_EXAMINED = 20_000;
    private static final int CHUNK = 1_000;

    static FeedbackPage read(FeedbackStore store, Context ctx) {
        int limit = Api.intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        FeedbackQuery q = new FeedbackQuery(Api.instantParam(ctx, "since"), Api.instantParam(ctx, "until"),
                rating(ctx, "min_rating"), rating(ctx, "max_rating"), thumbs(ctx),
                FeedbackEntry.parseTags(ctx.queryParam("tags")), null);
        Predicate<FeedbackEntry> match = matcher(ctx.queryParam("framework"), ctx.queryParam("model"), ctx.queryParam("q"));
        String cursor = ctx.queryParam("cursor");
        Instant at = null;
        int skip = 0;
        if (cursor != null) {
            String[] parts = decode(cursor);
            at = Timestamps.parse(parts[0]);
            skip = Integer.parseInt(parts[1]);
        }
        List<FeedbackEntry> page = new ArrayList<>();
        long examined = 0;
        int chunk = match == null ? limit : CHUNK;
        while (true) {
            FeedbackQuery bounded = q;
            if (at != null) {
                Instant until = at.plus(1, ChronoUnit.MICROS);
                if (q.since() != null && !q.since().isBefore(until)) {
                    return new FeedbackPage(List.copyOf(page), null, examined);
                }
                bounded = new FeedbackQuery(q.since(), q.until() == null || until.isBefore(q.until()) ? until : q.until(),
                        q.minRating(), q.maxRating(), q.thumbsUp(), q.tags(), null);
            }
            List<FeedbackEntry> found = store.find(bounded.withLimit(skip + chunk + 1));
            int end = Math.min(skip + chunk, found.size());
            for (int i = Math.min(skip, found.size()); i < end; i++) {
                FeedbackEntry e = found.get(i);
                if (page.size() == limit || examined >= MAX_EXAMINED) {
                    return new FeedbackPage(List.copyOf(page), encode(at, skip), examined);
                }
                examined++;
                if (e.timestamp().equals(at)) {
                    skip++;
                } else {
                    at = e.timestamp();
                    skip = 1;
                }
                if (match == null || match.test(e)) {
                    page.add(e);
                }
            }
            if (found.size() <= end) {
                return new FeedbackPage(List.copyOf(page), null, examined);
            }
            if (page.size() == limit || examined >= MAX_EXAMINED) {
                return new FeedbackPage(List.copyOf(page), encode(at, skip), examined);
            }
        }
    }

    /** Null when nothing beyond the store's own filters is asked. */
    private static Predicate<FeedbackEntry> matcher(String framework, String model, String text) {
        String f = framework == null || framework.isBlank() ? null : framework.strip();
        String m = model == null || model.isBlank() ? null : model.strip();
        List<String> words = text == null ? List.of() : java.util.Arrays.stream(text.toLowerCase(Locale.ROOT).split("\\s+"))
                .filter(w -> !w.isEmpty()).toList();
        if (f == null && m == null && words.isEmpty()) {
            return null;
        }
        return e -> (f == null || f.equals(e.framework())) && (m == null || m.equals(e.model()))
                && (words.isEmpty() || containsAll(e, words));
    }

    private static boolean containsAll(FeedbackEntry e, List<String> words) {
        String all = (e.prompt() + "\n" + e.output() + "\n" + (e.notes() == null ? "" : e.notes())).toLowerCase(Locale.ROOT);
        for (String w : words) {
            if (!all.contains(w)) {
                return false;
            }
        }
        return true;
    }

    /** {@code {"entries": [...], "next_cursor": ...}}, for {@link dev.feedbackloop.FeedbackJson}. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("entries", entries);
        m.put("next_cursor", nextCursor);
        m.put("examined", examined);
        return m;
    }

    private static String encode(Instant at, int skip) {
        return encode(Timestamps.format(at) + "|" + skip);
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
