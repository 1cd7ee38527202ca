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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Insert-if-absent by feedback_id, telling an idempotent repeat from a conflict. */
final class Inserter {
    static final String INSERT = "INSERT INTO feedback (" + EntryColumns.INSERT_COLUMNS + ") VALUES ("
            + EntryColumns.INSERT_PARAMS + ") ON CONFLICT (feedback_id) DO NOTHING";
    static final String BY_ID = "SELECT " + EntryColumns.SELECT_COLUMNS + " FROM feedback WHERE feedback_id = ?";

    private Inserter() {
    }

    /** One entry, in the caller's transaction. @throws ConflictException as {@link #unlessConflict} */
    static InsertResult insert(Connection c, FeedbackEntry entry) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            EntryColumns.bind(insert, EntryRow.of(entry));
            if (insert.executeUpdate() == 1) {
                return InsertResult.INSERTED;
            }
        }
        try (PreparedStatement byId = c.prepareStatement(BY_ID)) {
            return unlessConflict(compareWithStored(byId, entry), entry);
        }
    }

    /**
     * Inserts rows with one JDBC batch (prepared {@link #INSERT} and {@link #BY_ID} statements): far
     * less overhead per row than one update each. Rows the insert ignored are compared with what is
     * stored (an earlier row of the same batch included).
     */
    static List<InsertResult> insertAll(PreparedStatement insert, PreparedStatement byId, List<EntryRow> rows)
            throws SQLException {
        for (EntryRow row : rows) {
            EntryColumns.bind(insert, row);
            insert.addBatch();
        }
        int[] counts = insert.executeBatch();
        List<InsertResult> results = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            results.add(counts[i] == 1 ? InsertResult.INSERTED : compareWithStored(byId, rows.get(i).entry()));
        }
        return results;
    }

    static InsertResult unlessConflict(InsertResult result, FeedbackEntry entry) {
        if (result == InsertResult.CONFLICT) {
            throw new ConflictException("feedback_id " + entry.feedbackId()
                    + " already exists with different content; use a new id or leave it out to mint one");
        }
        return result;
    }

    /** UNCHANGED when the stored entry with this id has the same content, CONFLICT otherwise. */
    private static InsertResult compareWithStored(PreparedStatement byId, FeedbackEntry entry) throws SQLException {
        byId.setString(1, entry.feedbackId());
        try (ResultSet rs = byId.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("insert of " + entry.feedbackId() + " ignored but no row found");
            }
            return EntryColumns.read(rs).sameContentAs(entry) ? InsertResult.UNCHANGED : InsertResult.CONFLICT;
        }
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
