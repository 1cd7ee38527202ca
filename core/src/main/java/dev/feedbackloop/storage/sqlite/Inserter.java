package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.ConflictException;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.EntryColumns;
import dev.feedbackloop.storage.EntryRow;
import dev.feedbackloop.storage.InsertResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Insert-if-absent by feedback_id, telling an idempotent repeat from a conflict. */
final class Inserter {
    static final String INSERT = "INSERT INTO feedback (" + EntryColumns.INSERT_COLUMNS + ") VALUES ("
            + EntryColumns.INSERT_PARAMS + ") ON CONFLICT (feedback_id) DO NOTHING";
    private static final String BY_ID = "SELECT " + EntryColumns.SELECT_COLUMNS + " FROM feedback WHERE feedback_id = ?";

    private Inserter() {
    }

    static InsertResult insert(Connection c, FeedbackEntry entry) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            return insert(c, ps, entry);
        }
    }

    /** Uses a prepared {@link #INSERT} statement (batch writers keep one open). */
    static InsertResult insert(Connection c, PreparedStatement insert, FeedbackEntry entry) throws SQLException {
        return insert(c, insert, EntryRow.of(entry));
    }

    /** Uses a prepared {@link #INSERT} statement and a row computed beforehand. */
    static InsertResult insert(Connection c, PreparedStatement insert, EntryRow row) throws SQLException {
        FeedbackEntry entry = row.entry();
        EntryColumns.bind(insert, row);
        if (insert.executeUpdate() == 1) {
            return InsertResult.INSERTED;
        }
        FeedbackEntry existing = findById(c, entry.feedbackId()).orElseThrow(
                () -> new IllegalStateException("insert of " + entry.feedbackId() + " ignored but no row found"));
        if (existing.sameContentAs(entry)) {
            return InsertResult.UNCHANGED;
        }
        throw new ConflictException("feedback_id " + entry.feedbackId()
                + " already exists with different content; use a new id or leave it out to mint one");
    }

    static Optional<FeedbackEntry> findById(Connection c, String feedbackId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BY_ID)) {
            ps.setString(1, feedbackId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(EntryColumns.read(rs)) : Optional.empty();
            }
        }
    }
}
