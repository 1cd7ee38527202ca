package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.internal.Timestamps;
import dev.feedbackloop.storage.FeedbackQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A {@link FeedbackQuery} as a SQLite WHERE clause with its parameters. */
record SqlFilter(String where, List<Object> params) {
    static final SqlFilter NONE = new SqlFilter("", List.of());

    static SqlFilter of(FeedbackQuery q) {
        return of(q, "feedback");
    }

    /** The filter over {@code table} (feedback, or feedback_history, which has the same columns). */
    static SqlFilter of(FeedbackQuery q, String table) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (q.since() != null) {
            conditions.add("timestamp >= ?");
            params.add(Timestamps.format(q.since()));
        }
        if (q.until() != null) {
            conditions.add("timestamp < ?");
            params.add(Timestamps.format(q.until()));
        }
        if (q.minRating() != null) {
            conditions.add("rating >= ?");
            params.add(q.minRating());
        }
        if (q.maxRating() != null) {
            conditions.add("rating <= ?");
            params.add(q.maxRating());
        }
        if (q.thumbsUp() != null) {
            conditions.add("thumbs_up = ?");
            params.add(q.thumbsUp() ? 1 : 0);
        }
        if (!q.tags().isEmpty()) {
            conditions.add("json_valid(tags) AND EXISTS (SELECT 1 FROM json_each(" + table + ".tags) t WHERE t.value IN ("
                    + String.join(", ", java.util.Collections.nCopies(q.tags().size(), "?")) + "))");
            params.addAll(q.tags());
        }
        return new SqlFilter(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params);
    }

    /** This filter and one more condition with one parameter. */
    SqlFilter and(String condition, Object param) {
        List<Object> all = new ArrayList<>(params);
        all.add(param);
        return new SqlFilter((where.isEmpty() ? " WHERE " : where + " AND ") + condition, all);
    }

    PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
        return ps;
    }
}
