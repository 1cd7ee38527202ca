package dev.feedbackloop.storage;

import dev.feedbackloop.StorageException;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.internal.Timestamps;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps {@link FeedbackEntry} to and from the {@code feedback} table, portable across dialects.
 * The derived columns (framework, model, task_type, prompt_features, prompt_chars, task_class) are written with
 * every row ({@link EntryRow} computes them), so analysis reads only narrow columns.
 */
public final class EntryColumns {
    /** Column list matching {@link #bind}: 17 parameters. */
    public static final String INSERT_COLUMNS = "feedback_id, timestamp, prompt, output, rating, thumbs_up, tags, "
            + "context, notes, framework, model, task_type, prompt_features, prompt_chars, output_id, rater_id, task_class";
    public static final String INSERT_PARAMS = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";
    /** Column list matching {@link #read}. */
    public static final String SELECT_COLUMNS =
            "feedback_id, timestamp, prompt, output, rating, thumbs_up, tags, context, notes";

    private EntryColumns() {
    }

    public static void bind(PreparedStatement ps, EntryRow row) throws SQLException {
        FeedbackEntry e = row.entry();
        ps.setString(1, e.feedbackId());
        ps.setString(2, row.timestamp());
        ps.setString(3, e.prompt());
        ps.setString(4, e.output());
        ps.setInt(5, e.rating());
        ps.setBoolean(6, e.thumbsUp());
        ps.setString(7, row.tags());
        ps.setString(8, row.context());
        ps.setString(9, e.notes());
        ps.setString(10, row.framework());
        ps.setString(11, row.model());
        ps.setString(12, row.taskType());
        ps.setInt(13, row.promptFeatures());
        ps.setInt(14, e.prompt().length());
        ps.setString(15, e.outputId());
        ps.setString(16, e.raterId());
        ps.setString(17, row.taskClass());
    }

    /** Reads the {@link #SELECT_COLUMNS} of the current row. */
    public static FeedbackEntry read(ResultSet rs) throws SQLException {
        try {
            return new FeedbackEntry(
                    rs.getString(3), rs.getString(4), rs.getInt(5), rs.getBoolean(6),
                    tags(rs.getString(7)), Timestamps.parse(rs.getString(2)), context(rs.getString(8)),
                    rs.getString(1), rs.getString(9));
        } catch (RuntimeException ex) {
            throw new StorageException("stored entry " + rs.getString(1) + " is unreadable: " + ex.getMessage(), ex);
        }
    }

    /** Tags column: a JSON array of strings (the original's format); null or junk reads as no tags. */
    public static List<String> tags(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        Object v;
        try {
            v = Json.parse(json);
        } catch (RuntimeException e) {
            return FeedbackEntry.parseTags(json);
        }
        List<String> out = new ArrayList<>();
        if (v instanceof List) {
            for (Object o : (List<?>) v) {
                if (o != null) {
                    out.add(o.toString());
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> context(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            Object v = Json.parse(json);
            return v instanceof Map ? (Map<String, Object>) v : Map.of();
        } catch (RuntimeException e) {
            return Map.of();
        }
    }
}
