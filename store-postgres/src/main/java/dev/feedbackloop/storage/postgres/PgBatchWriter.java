package dev.feedbackloop.storage.postgres;

import dev.feedbackloop.StorageException;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.EntryRow;
import dev.feedbackloop.storage.InsertResult;
import java.io.StringReader;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * One write transaction on a borrowed connection that holds {@link PgConnections#WRITE_LOCK}.
 * {@link #addAll} sends a few rows as one JDBC batch and loads more with COPY: straight into {@code feedback} under a savepoint, and when an
 * id is already stored (a repeated import), the savepoint is rolled back and the chunk goes through
 * a temporary table and {@code INSERT ... ON CONFLICT DO NOTHING}, so the results (inserted,
 * unchanged, conflict) are the same as row by row. Rows with votes go one at a time, in order.
 */
final class PgBatchWriter implements BatchWriter {
    /** Below this many rows a chunk goes as one JDBC batch (a COPY and its savepoint cost more). */
    private static final int COPY_FROM = 64;
    private static final String STAGE = "CREATE TEMP TABLE IF NOT EXISTS import_rows (ord integer NOT NULL,"
            + " feedback_id text, timestamp timestamptz, prompt text, output text, rating smallint, thumbs_up boolean,"
            + " tags text[], context json, notes text, framework text, model text, task_type text,"
            + " prompt_features integer, prompt_chars integer, output_id text, rater_id text) ON COMMIT DROP";

    private final Connection connection;
    private final PgConnections pool;
    private PreparedStatement insert;
    private boolean staged;
    private boolean done;

    /** Takes over {@code connection} (auto-commit off, write lock held); closes it at the end. */
    PgBatchWriter(Connection connection, PgConnections pool) {
        this.connection = connection;
        this.pool = pool;
    }

    @Override
    public InsertResult add(EntryRow row) {
        try {
            return PgInserter.unlessConflict(PgInserter.insertInOrder(connection, insert(), List.of(row)).get(0),
                    row.entry());
        } catch (SQLException e) {
            throw pool.failure("store feedback " + row.entry().feedbackId(), e);
        }
    }

    @Override
    public List<InsertResult> addAll(List<EntryRow> rows) {
        try {
            if (rows.stream().anyMatch(r -> r.entry().isVote())) {
                return PgInserter.insertInOrder(connection, insert(), rows);
            }
            return rows.size() < COPY_FROM ? batch(rows) : copy(rows);
        } catch (SQLException | IOException e) {
            throw pool.failure("store " + rows.size() + " feedback entries", e);
        }
    }

    /** A few rows (a group commit of the service): one JDBC batch, sent in one round trip. */
    private List<InsertResult> batch(List<EntryRow> rows) throws SQLException {
        PreparedStatement ps = insert();
        for (EntryRow row : rows) {
            PgRows.bind(ps, row);
            ps.addBatch();
        }
        int[] counts = ps.executeBatch();
        List<InsertResult> results = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            results.add(counts[i] == 1 ? InsertResult.INSERTED : PgInserter.compareWithStored(connection, rows.get(i).entry()));
        }
        return results;
    }

    private List<InsertResult> copy(List<EntryRow> rows) throws SQLException, IOException {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        Savepoint before = connection.setSavepoint();
        try {
            copy.copyIn("COPY feedback (" + PgRows.INSERT_COLUMNS + ") FROM STDIN", new StringReader(PgCopy.rows(rows, false)));
            connection.releaseSavepoint(before);
            return java.util.Collections.nCopies(rows.size(), InsertResult.INSERTED);
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(before);
        }
        return copyThroughStage(copy, rows);
    }

    /** A chunk with ids that may be stored already: staged, then inserted where absent and compared where not. */
    private List<InsertResult> copyThroughStage(CopyManager copy, List<EntryRow> rows) throws SQLException, IOException {
        try (Statement st = connection.createStatement()) {
            if (!staged) {
                st.execute(STAGE);
                staged = true;
            }
            st.execute("TRUNCATE import_rows");
        }
        copy.copyIn("COPY import_rows (ord, " + PgRows.INSERT_COLUMNS + ") FROM STDIN",
                new StringReader(PgCopy.rows(rows, true)));
        Set<String> inserted = new HashSet<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "INSERT INTO feedback (" + PgRows.INSERT_COLUMNS + ") SELECT " + PgRows.INSERT_COLUMNS
                        + " FROM import_rows ORDER BY ord ON CONFLICT (feedback_id) DO NOTHING RETURNING feedback_id")) {
            while (rs.next()) {
                inserted.add(rs.getString(1));
            }
        }
        Map<String, FeedbackEntry> stored = new HashMap<>();
        // stored rows to compare with: ids not inserted, and ids given twice in the chunk
        List<String> others = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (EntryRow row : rows) {
            String id = row.entry().feedbackId();
            if (!seen.add(id) || !inserted.contains(id)) {
                others.add(id);
            }
        }
        if (!others.isEmpty()) {
            for (FeedbackEntry e : PgRows.entries(connection, "SELECT " + PgRows.ENTRY
                    + " FROM feedback WHERE feedback_id = ANY(?)", (Object) others.toArray(new String[0]))) {
                stored.put(e.feedbackId(), e);
            }
        }
        List<InsertResult> results = new ArrayList<>(rows.size());
        for (EntryRow row : rows) {
            String id = row.entry().feedbackId();
            if (inserted.remove(id)) {
                results.add(InsertResult.INSERTED);
            } else {
                FeedbackEntry s = stored.get(id);
                results.add(s != null && s.sameContentAs(row.entry()) ? InsertResult.UNCHANGED : InsertResult.CONFLICT);
            }
        }
        return results;
    }

    private PreparedStatement insert() throws SQLException {
        if (insert == null) {
            insert = connection.prepareStatement(PgRows.INSERT);
        }
        return insert;
    }

    @Override
    public void commit() {
        try {
            connection.commit();
            done = true;
        } catch (SQLException e) {
            throw pool.failure("commit", e);
        }
    }

    @Override
    public void close() {
        try {
            if (insert != null) {
                insert.close();
            }
            if (!done && !connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new StorageException("ending the write transaction failed: " + e.getMessage(), e);
        } finally {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the pool discards a broken connection
            }
        }
    }
}
