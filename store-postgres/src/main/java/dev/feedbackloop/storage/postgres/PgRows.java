package dev.feedbackloop.storage.postgres;

import dev.feedbackloop.StorageException;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.EntryColumns;
import dev.feedbackloop.storage.EntryRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps entries to and from the PostgreSQL {@code feedback} table, and runs one statement with bound
 * values in the caller's connection and transaction. Times travel as microseconds since the epoch
 * (exact, and cheaper to read than a timestamp object); tags as a JSON array text.
 */
final class PgRows {
    /** The columns of {@link #entry}, in order. */
    static final String ENTRY = "feedback_id, (extract(epoch FROM timestamp) * 1000000)::bigint, prompt, output, rating,"
            + " thumbs_up, array_to_json(tags)::text, context::text, notes";
    static final String INSERT_COLUMNS = "feedback_id, timestamp, prompt, output, rating, thumbs_up, tags, context, notes,"
            + " framework, model, task_type, prompt_features, prompt_chars, output_id, rater_id, task_class";
    static final String INSERT = "INSERT INTO feedback (" + INSERT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?::json, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (feedback_id) DO NOTHING";

    private PgRows() {
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** Binds {@link #INSERT}'s parameters. */
    static void bind(PreparedStatement ps, EntryRow row) throws SQLException {
        FeedbackEntry e = row.entry();
        ps.setString(1, e.feedbackId());
        ps.setObject(2, time(e.timestamp()));
        ps.setString(3, e.prompt());
        ps.setString(4, e.output());
        ps.setInt(5, e.rating());
        ps.setBoolean(6, e.thumbsUp());
        ps.setArray(7, ps.getConnection().createArrayOf("text", e.tags().toArray()));
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

    /** The entry of the current row of a query selecting {@link #ENTRY}. */
    static FeedbackEntry entry(ResultSet rs) throws SQLException {
        try {
            return new FeedbackEntry(rs.getString(3), rs.getString(4), rs.getInt(5), rs.getBoolean(6),
                    EntryColumns.tags(rs.getString(7)), instant(rs.getLong(2)), EntryColumns.context(rs.getString(8)),
                    rs.getString(1), rs.getString(9));
        } catch (RuntimeException ex) {
            throw new StorageException("stored entry " + rs.getString(1) + " is unreadable: " + ex.getMessage(), ex);
        }
    }

    static List<FeedbackEntry> entries(Connection c, String sql, Object... values) throws SQLException {
        List<FeedbackEntry> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql, values); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(entry(rs));
            }
        }
        return out;
    }

    /** The text of the first column of the first row; empty when there is no row. */
    static Optional<String> text(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, values); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
    }

    static long number(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, values); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Runs an INSERT, UPDATE or DELETE; the rows it changed. */
    static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, values)) {
            return ps.executeUpdate();
        }
    }

    /** Binds values: an {@link Instant} as timestamptz, a {@code String[]} as text[], the rest as they are. */
    static PreparedStatement prepare(Connection c, String sql, Object... values) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                if (v instanceof Instant t) {
                    ps.setObject(i + 1, time(t));
                } else if (v instanceof String[] a) {
                    ps.setArray(i + 1, c.createArrayOf("text", a));
                } else if (v instanceof Long[] a) {
                    ps.setArray(i + 1, c.createArrayOf("bigint", a));
                } else {
                    ps.setObject(i + 1, v);
                }
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }
}
