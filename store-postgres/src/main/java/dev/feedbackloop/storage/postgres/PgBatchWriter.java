package dev.feedbackloop.storage.postgres;

import dev.feedbackloop.StorageException;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.EntryRow;
import dev.feedbackloop.storage.InsertResult;
import dev.feedbackloop.storage.postgres.PgConnections.Turn;
import java.io.StringReader;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * One write transaction on a borrowed connection; it takes its turn ({@link PgConnections.Turn}) before
 * it writes the first row (so a writer that ends up writing nothing never waits). Rows are added
 * alongside other writers (the shared turn; votes the changes turn), except by a bulk writer, which
 * takes the table to itself (the exclusive turn) for its {@link PgCopyStream}. Chunks with votes go
 * one at a time, in order, as do rows added one by one ({@link #add}).
 * {@link #addAll} sends a group of up to {@link #COPY_FROM} rows (a group commit of the service) as one
 * statement that takes the turn and inserts every row ({@link #GROUP_INSERT}: one round trip, where a
 * lock statement and a JDBC batch took two), and loads more with COPY: straight into {@code feedback}
 * under a savepoint, and when an id is already stored (a repeated import, or another writer's), the
 * savepoint is rolled back and the chunk goes through a temporary table and {@code INSERT ... ON
 * CONFLICT DO NOTHING}, so the results (inserted, unchanged, conflict) are the same as row by row. A
 * bulk writer's chunks whose ids cannot be stored already go into one COPY kept open across chunks
 * instead ({@link PgCopyStream}), so PostgreSQL stores one while the importer reads the next.
 */
final class PgBatchWriter implements BatchWriter {
    /** Below this many rows a chunk goes as one statement (a COPY and its savepoint cost more). */
    private static final int COPY_FROM = 64;
    /**
     * Takes the shared turn (which announces the writer), then inserts the rows given as one array per
     * column, in array order. The ids are drawn by the projection above the join with the one-row turn
     * query, so only after the writer announced itself, whichever way the join is planned. Times travel as microseconds since the
     * epoch (exact), tags and context as texts cast per row. RETURNING names the rows inserted.
     */
    static final String GROUP_INSERT = "WITH turn AS MATERIALIZED (SELECT " + PgConnections.SHARED_TURN + ")"
            + " INSERT INTO feedback (" + PgRows.INSERT_COLUMNS + ")"
            + " SELECT r.feedback_id, timestamptz 'epoch' + r.micros * interval '1 microsecond', r.prompt, r.output,"
            + " r.rating, r.thumbs_up, r.tags::text[], r.context::json, r.notes, r.framework, r.model, r.task_type,"
            + " r.prompt_features, r.prompt_chars, r.output_id, r.rater_id, r.task_class"
            + " FROM turn, unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::smallint[], ?::boolean[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::integer[], ?::integer[], ?::text[], ?::text[],"
            + " ?::text[])"
            + " WITH ORDINALITY AS r(feedback_id, micros, prompt, output, rating, thumbs_up, tags, context, notes,"
            + " framework, model, task_type, prompt_features, prompt_chars, output_id, rater_id, task_class, ord)"
            + " ORDER BY r.ord ON CONFLICT (feedback_id) DO NOTHING RETURNING feedback_id";
    private static final String STAGE = "CREATE TEMP TABLE IF NOT EXISTS import_rows (ord integer NOT NULL,"
            + " feedback_id text, timestamp timestamptz, prompt text, output text, rating smallint, thumbs_up boolean,"
            + " tags text[], context json, notes text, framework text, model text, task_type text,"
            + " prompt_features integer, prompt_chars integer, output_id text, rater_id text, task_class text)"
            + " ON COMMIT DROP";

    private final Connection connection;
    private final PgConnections pool;
    private PreparedStatement insert;
    private final PgCopyStream stream;
    private final boolean bulk;
    /** When votes this writer replaces leave. */
    private final Clock clock;
    private boolean staged;
    private Turn held = Turn.NONE;
    private boolean done;

    /**
     * Takes over {@code connection} (auto-commit off); closes it at the end. A {@code bulk} writer takes
     * the table to itself and streams its chunks.
     */
    PgBatchWriter(Connection connection, PgConnections pool, boolean bulk, Clock clock) {
        this.connection = connection;
        this.pool = pool;
        this.bulk = bulk;
        this.clock = clock;
        this.stream = new PgCopyStream(connection, pool);
    }

    @Override
    public InsertResult add(EntryRow row) {
        try {
            take(turnFor(row.entry().isVote()));
            stream.end();
            stream.written(List.of(row));
            return PgInserter.unlessConflict(PgInserter.insertInOrder(connection, insert(), List.of(row), clock.instant()).get(0),
                    row.entry());
        } catch (SQLException e) {
            throw pool.failure("store feedback " + row.entry().feedbackId(), e);
        }
    }

    @Override
    public List<InsertResult> addAll(List<EntryRow> rows) {
        try {
            if (rows.isEmpty()) {
                return new ArrayList<>();
            }
            if (rows.stream().anyMatch(r -> r.entry().isVote())) {
                take(turnFor(true));
                stream.end();
                stream.written(rows);
                return PgInserter.insertInOrder(connection, insert(), rows, clock.instant());
            }
            if (rows.size() < COPY_FROM) {
                if (bulk) {
                    take(turnFor(false));
                }
                stream.end();
                stream.written(rows);
                return group(rows);
            }
            take(turnFor(false));
            if (bulk && stream.offer(rows)) {
                return java.util.Collections.nCopies(rows.size(), InsertResult.INSERTED);
            }
            stream.end();
            stream.written(rows);
            return copy(rows);
        } catch (SQLException | IOException e) {
            throw pool.failure("store " + rows.size() + " feedback entries", e);
        }
    }

    /** A few rows (a group commit of the service): {@link #GROUP_INSERT}, one round trip with the lock. */
    private List<InsertResult> group(List<EntryRow> rows) throws SQLException {
        int n = rows.size();
        String[] ids = new String[n];
        Long[] micros = new Long[n];
        String[] prompts = new String[n];
        String[] outputs = new String[n];
        Integer[] ratings = new Integer[n];
        Boolean[] thumbs = new Boolean[n];
        String[] tags = new String[n];
        String[] contexts = new String[n];
        String[] notes = new String[n];
        String[] frameworks = new String[n];
        String[] models = new String[n];
        String[] taskTypes = new String[n];
        Integer[] features = new Integer[n];
        Integer[] chars = new Integer[n];
        String[] outputIds = new String[n];
        String[] raterIds = new String[n];
        String[] taskClasses = new String[n];
        for (int i = 0; i < n; i++) {
            EntryRow row = rows.get(i);
            FeedbackEntry e = row.entry();
            ids[i] = e.feedbackId();
            micros[i] = Math.addExact(Math.multiplyExact(e.timestamp().getEpochSecond(), 1_000_000L),
                    e.timestamp().getNano() / 1_000L);
            prompts[i] = e.prompt();
            outputs[i] = e.output();
            ratings[i] = e.rating();
            thumbs[i] = e.thumbsUp();
            tags[i] = PgCopy.tags(e.tags());
            contexts[i] = row.context();
            notes[i] = e.notes();
            frameworks[i] = row.framework();
            models[i] = row.model();
            taskTypes[i] = row.taskType();
            features[i] = row.promptFeatures();
            chars[i] = e.prompt().length();
            outputIds[i] = e.outputId();
            raterIds[i] = e.raterId();
            taskClasses[i] = row.taskClass();
        }
        Set<String> inserted = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(GROUP_INSERT)) {
            int p = 1;
            ps.setArray(p++, connection.createArrayOf("text", ids));
            ps.setArray(p++, connection.createArrayOf("int8", micros));
            ps.setArray(p++, connection.createArrayOf("text", prompts));
            ps.setArray(p++, connection.createArrayOf("text", outputs));
            ps.setArray(p++, connection.createArrayOf("int4", ratings));
            ps.setArray(p++, connection.createArrayOf("bool", thumbs));
            ps.setArray(p++, connection.createArrayOf("text", tags));
            ps.setArray(p++, connection.createArrayOf("text", contexts));
            ps.setArray(p++, connection.createArrayOf("text", notes));
            ps.setArray(p++, connection.createArrayOf("text", frameworks));
            ps.setArray(p++, connection.createArrayOf("text", models));
            ps.setArray(p++, connection.createArrayOf("text", taskTypes));
            ps.setArray(p++, connection.createArrayOf("int4", features));
            ps.setArray(p++, connection.createArrayOf("int4", chars));
            ps.setArray(p++, connection.createArrayOf("text", outputIds));
            ps.setArray(p++, connection.createArrayOf("text", raterIds));
            ps.setArray(p, connection.createArrayOf("text", taskClasses));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1));
                }
            }
        }
        if (held == Turn.NONE) {
            held = Turn.SHARED;
        }
        List<InsertResult> results = new ArrayList<>(n);
        for (EntryRow row : rows) {
            // an id given twice in the group is inserted once: its second row compares with the first
            results.add(inserted.remove(row.entry().feedbackId()) ? InsertResult.INSERTED
                    : PgInserter.compareWithStored(connection, row.entry()));
        }
        return results;
    }

    /** The turn rows need: a bulk writer's is always the exclusive one, from its first row. */
    private Turn turnFor(boolean votes) {
        return bulk ? Turn.EXCLUSIVE : votes ? Turn.CHANGES : Turn.SHARED;
    }

    /**
     * Takes {@code turn} unless this transaction holds it, or a later one, already. A writer that is not
     * bulk moves at most from the shared turn to the changes turn, which only adds a lock after the ones
     * it holds (see {@link Turn}).
     */
    private void take(Turn turn) throws SQLException {
        if (held.compareTo(turn) >= 0) {
            return;
        }
        PgConnections.takeTurn(connection, turn);
        held = turn;
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
            stream.end();
            connection.commit();
            done = true;
        } catch (SQLException e) {
            throw pool.failure("commit", e);
        }
    }

    @Override
    public void close() {
        stream.close();
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
