package dev.feedbackloop.storage.postgres;

import dev.feedbackloop.StorageException;
import dev.feedbackloop.access.ApiKey;
import dev.feedbackloop.access.SignIn;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.capture.RatedOutput;
import dev.feedbackloop.lifecycle.AuditEvent;
import dev.feedbackloop.lifecycle.Deletion;
import dev.feedbackloop.lifecycle.DeletionFilter;
import dev.feedbackloop.storage.AlertStore;
import dev.feedbackloop.storage.AnalysisRow;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.DataVersion;
import dev.feedbackloop.storage.EntryText;
import dev.feedbackloop.storage.FeedbackQuery;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.InsertResult;
import dev.feedbackloop.storage.JdbcAlertStore;
import dev.feedbackloop.storage.OutcomeRow;
import dev.feedbackloop.storage.Statistics;
import dev.feedbackloop.storage.StoreCheck;
import dev.feedbackloop.storage.postgres.PgConnections.Turn;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The store on PostgreSQL 14+: the same logical schema as SQLite in native types, HikariCP over
 * the official driver, Flyway migrations of its own ({@link PgMigrations}). Thread-safe; any number
 * of processes may use one database at once.
 *
 * <p><b>Commit order.</b> {@link FeedbackStore} promises a row id at or below which the table is
 * final ({@link DataVersion#maxId()}). A PostgreSQL sequence alone does not give one: a transaction
 * that took id 10 may commit after the one that took id 11, and a reader between the two commits that
 * moved to 11 would miss 10 for good. So every transaction that adds feedback rows first announces
 * itself, before it draws an id: a shared transaction-level advisory lock whose key carries the id
 * sequence's last value ({@link PgConnections#ANNOUNCED}); every id it draws is above that value. The
 * data version ({@link PgVersions}) reads the highest visible id, then the lowest value announced by a
 * transaction still open ({@code pg_locks}), and names the lower of the two: an id at or below it was
 * drawn either by a transaction that has ended, or by one that announced a lower value (impossible), or
 * after the highest id was read (so above it). This needs the id sequence to hand out one id at a time
 * (an identity column's default; the version refuses another). Writers run side by side, sharing
 * {@link PgConnections#WRITE_LOCK}; those that remove rows or write {@code changes} (deletions, votes)
 * take turns among themselves ({@link PgConnections#CHANGE_LOCK}), so change numbers are still drawn in
 * commit order; a bulk import's open COPY, and {@code migrate}, take the write lock exclusively. A long
 * write thus holds the final id back, not the other writers: their rows are visible at once, and counted
 * by incremental readers when it ends (a transaction left open holds it back until it ends: PostgreSQL's
 * {@code idle_in_transaction_session_timeout} bounds that). Caches, reports, settings and keys take no lock.
 *
 * <p><b>Failures.</b> A connection or server failure is retried once on a fresh connection (a write
 * that may have committed is safe to repeat: inserts are idempotent by feedback_id), then reported
 * as a {@link StorageException} naming the cause (exit 1, HTTP 503). Writes never leave half a
 * transaction behind.
 */
public final class PostgresFeedbackStore implements FeedbackStore {
    private static final int POOL_SIZE = 10;
    private final PgConnections connections;
    private final PgReads reads;
    private final PgVersions versions = new PgVersions();
    private final AlertStore alerts = new JdbcAlertStore(new JdbcAlertStore.Transactions() {
        @Override
        public <T> T read(String what, JdbcAlertStore.Work<T> work) {
            return PostgresFeedbackStore.this.read(what, work::run);
        }

        @Override
        public <T> T write(String what, JdbcAlertStore.Work<T> work) {
            return PostgresFeedbackStore.this.write(what, Turn.NONE, work::run);
        }
    });

    /** The time of the store's own records: replaced votes, changes, cached results, saved reports. */
    private final Clock clock;

    private PostgresFeedbackStore(PgConnections connections, Clock clock) {
        this.connections = connections;
        this.reads = new PgReads(connections);
        this.clock = clock;
    }

    /**
     * Connects and brings the schema up to date.
     *
     * @throws StorageException with one line naming the cause: a wrong password, a missing database,
     *                          an unreachable host, a failed migration
     */
    public static PostgresFeedbackStore open(PostgresLocation location) {
        return open(location, Clock.systemUTC(), false);
    }

    /**
     * As {@link #open(PostgresLocation)}, with {@code clock} the time of the store's own records; for a
     * process that runs one command and ends when {@code oneShot} (connections without a pool's
     * housekeeping, {@link PgConnections}).
     */
    public static PostgresFeedbackStore open(PostgresLocation location, Clock clock, boolean oneShot) {
        PostgresFeedbackStore store = new PostgresFeedbackStore(new PgConnections(location, POOL_SIZE, oneShot), clock);
        try {
            store.migrate();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    @Override
    public void migrate() {
        PgMigrations.migrate(connections);
    }

    @Override
    public InsertResult insert(FeedbackEntry entry) {
        return write("store feedback " + entry.feedbackId(), entry.isVote() ? Turn.CHANGES : Turn.SHARED,
                c -> PgInserter.insert(c, entry, clock.instant()));
    }

    /** Adds rows alongside other writers (see the class comment); votes take the table to themselves. */
    @Override
    public BatchWriter openBatch() {
        return batch(false);
    }

    /**
     * Takes the table to itself with its first row (the exclusive turn: other writers of feedback wait
     * for its commit; readers do not), so that its chunks go into one COPY kept open ({@link PgCopyStream}).
     */
    @Override
    public BatchWriter openBulkBatch() {
        return batch(true);
    }

    private BatchWriter batch(boolean bulk) {
        Connection c = null;
        try {
            c = connections.borrow();
            c.setAutoCommit(false);
            // the writer takes its turn with its first row (see PgBatchWriter)
            return new PgBatchWriter(c, connections, bulk, clock);
        } catch (SQLException | RuntimeException e) {
            PgConnections.closeQuietly(c);
            throw connections.failure("start a write transaction on " + connections.location(), e);
        }
    }

    @Override
    public List<FeedbackEntry> find(FeedbackQuery q) {
        PgFilter f = PgFilter.of(q);
        return read("read feedback", c -> PgRows.entries(c, "SELECT " + PgRows.ENTRY + " FROM feedback" + f.where()
                + " ORDER BY timestamp DESC, id DESC" + (q.limit() != null ? " LIMIT " + q.limit() : ""), f.array()));
    }

    @Override
    public void forEach(FeedbackQuery q, Consumer<FeedbackEntry> action) {
        PgFilter f = PgFilter.of(q);
        connections.stream("read feedback", "SELECT " + PgRows.ENTRY + " FROM feedback" + f.where() + " ORDER BY timestamp, id"
                + (q.limit() != null ? " LIMIT " + q.limit() : ""), f, rs -> action.accept(PgRows.entry(rs)));
    }

    @Override
    public Optional<FeedbackEntry> findById(String feedbackId) {
        return read("read feedback " + feedbackId, c -> PgInserter.findById(c, feedbackId));
    }

    @Override
    public Optional<FeedbackEntry> delete(String feedbackId) {
        return write("delete feedback " + feedbackId, Turn.CHANGES, c -> PgInserter.delete(c, feedbackId, clock.instant()));
    }

    @Override
    public void changedSpansAfter(long afterSeq, java.util.function.BiConsumer<Instant, Instant> span) {
        connections.stream("read changes", PgLifecycle.SPANS, PgFilter.values(afterSeq),
                rs -> span.accept(PgRows.instant(rs.getLong(1)), PgRows.instant(rs.getLong(2))));
    }

    /** Removes feedback rows, so it takes the turn {@link Turn#CHANGES} like every other removal. */
    @Override
    public Deletion delete(DeletionFilter filter, Instant at, String actor, boolean dryRun) {
        if (dryRun) {
            return read("count what a deletion would remove", c -> PgLifecycle.delete(c, filter, at, true));
        }
        return write("delete feedback", Turn.CHANGES, c -> {
            Deletion d = PgLifecycle.delete(c, filter, at, false);
            PgLifecycle.audit(c, new AuditEvent(0, at, actor, filter.ageOnly() ? "purge" : "delete", filter.describe(),
                    d.entries() + d.replacedVotes()));
            return d;
        });
    }

    /**
     * Rewrites the tables that hold what people typed ({@link PgLifecycle#VACUUM}: {@code VACUUM FULL},
     * outside a transaction as PostgreSQL requires), so deleted rows are gone from their files: a plain
     * {@code VACUUM} only frees their space for reuse and leaves their bytes in the pages until new rows
     * overwrite them ({@code PgVacuumTest}: 105 of 200 deleted prompts were still in the file). Each table is
     * locked while it is rewritten: others wait for it, as on SQLite. The write-ahead log keeps the old
     * pages until PostgreSQL recycles it after a checkpoint.
     */
    @Override
    public void vacuum() {
        for (int attempt = 0; ; attempt++) {
            try (Connection c = connections.borrow()) {
                c.setAutoCommit(true);
                try (java.sql.Statement st = c.createStatement()) {
                    st.execute(PgLifecycle.VACUUM);
                }
                return;
            } catch (SQLException e) {
                if (attempt > 0 || !PgConnections.isTransient(e) || e instanceof SQLTransientConnectionException) {
                    throw connections.failure("vacuum " + connections.location(), e);
                }
                PgConnections.sleep(100);
            }
        }
    }

    @Override
    public void audit(AuditEvent event) {
        write("write the audit trail", Turn.NONE, c -> {
            PgLifecycle.audit(c, event);
            return null;
        });
    }

    @Override
    public List<AuditEvent> auditTrail(Instant since, int limit) {
        return read("read the audit trail", c -> PgLifecycle.auditTrail(c, since, limit));
    }

    @Override
    public List<FeedbackEntry> replacedVotes(String outputId, String raterId) {
        return read("read vote history", c -> PgInserter.replacedVotes(c, outputId, raterId));
    }

    @Override
    public void keepOutput(RatedOutput output) {
        write("keep output " + output.outputId(), Turn.NONE, c -> {
            PgKept.keepOutput(c, output);
            return null;
        });
    }

    @Override
    public Optional<RatedOutput> output(String outputId) {
        return read("read output " + outputId, c -> PgKept.output(c, outputId));
    }

    /** A SQLite file of this product's schema, read in one snapshot ({@link PgBackups}). */
    @Override
    public long backupTo(Path file) {
        return PgBackups.backup(connections, file);
    }

    /** Integrity through amcheck when the database has it ({@link PgIntegrity}). */
    @Override
    public StoreCheck verify() {
        return read("verify " + connections.location(), PgBackups::verify);
    }

    @Override
    public Optional<String> setting(String name) {
        return read("read setting " + name, c -> PgKept.setting(c, name));
    }

    @Override
    public String settingIfAbsent(String name, String value) {
        return write("store setting " + name, Turn.NONE, c -> PgKept.settingIfAbsent(c, name, value));
    }

    @Override
    public void putSetting(String name, String value) {
        write("store setting " + name, Turn.NONE, c -> PgRows.update(c, "INSERT INTO settings (name, value) VALUES (?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET value = excluded.value", name, value));
    }

    @Override
    public long count() {
        return read("count feedback", c -> PgRows.number(c, "SELECT count(*) FROM feedback"));
    }

    @Override
    public Statistics statistics(Instant from, Instant to) {
        return reads.statistics(from, to);
    }

    @Override
    public void scan(Instant from, Instant to, Consumer<AnalysisRow> action) {
        reads.scan(from, to, action);
    }

    @Override
    public void scanAdded(Instant from, Instant to, long afterId, long upToId, Consumer<AnalysisRow> action) {
        reads.scanAdded(from, to, afterId, upToId, action);
    }

    /** One UPDATE of the derived column; it adds and removes no rows, so it takes no write lock. */
    @Override
    public void saveTaskClasses(Map<Long, String> classes) {
        if (classes.isEmpty()) {
            return;
        }
        Long[] ids = new Long[classes.size()];
        String[] types = new String[classes.size()];
        int i = 0;
        for (Map.Entry<Long, String> e : classes.entrySet()) {
            ids[i] = e.getKey();
            types[i++] = e.getValue();
        }
        write("keep task classes", Turn.NONE, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE feedback f SET task_class = k.type"
                    + " FROM unnest(?::bigint[], ?::text[]) AS k(id, type) WHERE f.id = k.id")) {
                ps.setArray(1, c.createArrayOf("bigint", ids));
                ps.setArray(2, c.createArrayOf("text", types));
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<EntryText> texts(Collection<Long> ids) {
        return reads.texts(ids);
    }

    @Override
    public void outcomesAfter(long afterId, long upToId, Consumer<OutcomeRow> action) {
        reads.outcomesAfter(afterId, upToId, action);
    }

    @Override
    public DataVersion dataVersion() {
        return read("read data version", versions::read);
    }

    @Override
    public Optional<String> cached(String key, DataVersion version) {
        return read("read cache", c -> PgKept.cached(c, key, version));
    }

    @Override
    public void putCache(String key, DataVersion version, String json) {
        write("write cache", Turn.NONE, c -> {
            PgKept.putCache(c, key, version, json, clock.instant());
            return null;
        });
    }

    @Override
    public void dropCache(String key) {
        write("drop cache " + key, Turn.NONE, c -> {
            PgKept.dropCache(c, key);
            return null;
        });
    }

    @Override
    public void saveReport(String period, Instant start, Instant end, String json) {
        write("save report", Turn.NONE, c -> {
            PgKept.saveReport(c, period, start, end, json, clock.instant());
            return null;
        });
    }

    @Override
    public Optional<String> savedReport(String period) {
        return read("read report " + period, c -> PgKept.savedReport(c, period));
    }

    @Override
    public void addKey(ApiKey key) {
        write("store API key " + key.name(), Turn.NONE, c -> {
            PgKept.addKey(c, key);
            return null;
        });
    }

    @Override
    public List<ApiKey> keys() {
        return read("read API keys", PgKept::keys);
    }

    @Override
    public boolean revokeKey(String name, Instant at) {
        return write("revoke API key " + name, Turn.NONE, c -> PgKept.revokeKey(c, name, at));
    }

    /** {@code feedback migrate}: see {@link SqliteCopy}. */
    dev.feedbackloop.storage.StoreCopy copyFromSqlite(Path sqliteFile) {
        return SqliteCopy.copy(sqliteFile, connections);
    }

    @Override
    public AlertStore alertStore() {
        return alerts;
    }

    @Override
    public void addSession(SignIn s) {
        write("store a sign-in", Turn.NONE, c -> {
            PgSessions.add(c, s);
            return null;
        });
    }

    @Override
    public Optional<SignIn> session(String idHash) {
        return read("read a sign-in", c -> PgSessions.find(c, idHash));
    }

    @Override
    public void touchSession(String idHash, Instant lastUsed, Instant expires) {
        write("record a sign-in's use", Turn.NONE, c -> {
            PgSessions.touch(c, idHash, lastUsed, expires);
            return null;
        });
    }

    @Override
    public void endSession(String idHash) {
        write("end a sign-in", Turn.NONE, c -> {
            PgSessions.end(c, idHash);
            return null;
        });
    }

    @Override
    public void endSessionsOf(String keyName) {
        write("end the sign-ins of " + keyName, Turn.NONE, c -> {
            PgSessions.endOf(c, keyName);
            return null;
        });
    }

    @Override
    public String location() {
        return connections.location().display();
    }

    @Override
    public void close() {
        connections.close();
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    interface SqlRow {
        void accept(ResultSet rs) throws SQLException;
    }

    private <T> T read(String what, SqlWork<T> work) {
        return connections.transaction(what, Turn.NONE, work);
    }

    private <T> T write(String what, Turn turn, SqlWork<T> work) {
        return connections.transaction(what, turn, work);
    }
}
