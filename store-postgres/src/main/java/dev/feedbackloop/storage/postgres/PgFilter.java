package dev.feedbackloop.storage.postgres;

import dev.feedbackloop.storage.FeedbackQuery;
import java.util.ArrayList;
import java.util.List;

/** A {@link FeedbackQuery} as a PostgreSQL WHERE clause with its values ({@link PgRows#prepare} binds them). */
record PgFilter(String where, List<Object> values) {
    static final PgFilter NONE = new PgFilter("", List.of());

    static PgFilter of(FeedbackQuery q) {
        List<String> conditions = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (q.since() != null) {
            conditions.add("timestamp >= ?");
            values.add(q.since());
        }
        if (q.until() != null) {
            conditions.add("timestamp < ?");
            values.add(q.until());
        }
        if (q.minRating() != null) {
            conditions.add("rating >= ?");
            values.add(q.minRating());
        }
        if (q.maxRating() != null) {
            conditions.add("rating <= ?");
            values.add(q.maxRating());
        }
        if (q.thumbsUp() != null) {
            conditions.add("thumbs_up = ?");
            values.add(q.thumbsUp());
        }
        if (!q.tags().isEmpty()) {
            conditions.add("tags && ?");
            values.add(q.tags().toArray(new String[0]));
        }
        return new PgFilter(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), values);
    }

    /** No condition: just values for a statement that has its own WHERE. */
    static PgFilter values(Object... values) {
        return new PgFilter("", List.of(values));
    }

    /** This filter and one more condition with one value. */
    PgFilter and(String condition, Object value) {
        List<Object> all = new ArrayList<>(values);
        all.add(value);
        return new PgFilter((where.isEmpty() ? " WHERE " : where + " AND ") + condition, all);
    }

    Object[] array() {
        return values.toArray();
    }
}
