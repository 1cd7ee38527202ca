package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.internal.Timestamps;
import dev.feedbackloop.storage.DataVersion;
import dev.feedbackloop.storage.EntryColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What incremental readers follow: the data version, the {@code changes} log of rows that left the
 * feedback table, and the {@code feedback_history} of replaced votes. In the store's transactions.
 */
final class SqliteChanges {
    private static final String HISTORY = "SELECT " + EntryColumns.SELECT_COLUMNS + " FROM feedback_history";

    private SqliteChanges() {
    }

    static DataVersion dataVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT max(id) FROM feedback), (SELECT max(seq) FROM changes)");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new DataVersion(rs.getLong(1), rs.getLong(2));
        }
    }

    /** Each change after {@code afterSeq} as the span of entry times it covers (one entry: first = last). */
    static void after(Connection c, long afterSeq, java.util.function.BiConsumer<Instant, Instant> span)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT entry_timestamp, last_timestamp FROM changes WHERE seq > ? ORDER BY seq")) {
            ps.setLong(1, afterSeq);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant first = Timestamps.parse(rs.getString(1));
                    String last = rs.getString(2);
                    span.accept(first, last == null ? first : Timestamps.parse(last));
                }
            }
        }
    }

    /** The replaced votes of one rater on one output, oldest first. */
    static List<FeedbackEntry> replacedVotes(Connection c, String outputId, String raterId) throws SQLException {
        return SqliteRows.entries(c, HISTORY + " WHERE output_id = ? AND rater_id = ? ORDER BY id", outputId, raterId);
    }

    /** A vote that was stored and later replaced, by its feedback_id. */
    static Optional<FeedbackEntry> replaced(Connection c, String feedbackId) throws SQLException {
        return SqliteRows.entries(c, HISTORY + " WHERE feedback_id = ?", feedbackId).stream().findFirst();
    }
}
