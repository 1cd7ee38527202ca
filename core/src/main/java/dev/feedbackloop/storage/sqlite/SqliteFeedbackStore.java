package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.StorageException;
import dev.feedbackloop.access.ApiKey;
import dev.feedbackloop.access.SignIn;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.capture.RatedOutput;
import dev.feedbackloop.lifecycle.AuditEvent;
import dev.feedbackloop.lifecycle.Deletion;
import dev.feedbackloop.lifecycle.DeletionFilter;
import dev.feedbackloop.storage.AnalysisRow;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.DataVersion;
import dev.feedbackloop.storage.EntryText;
import dev.feedbackloop.storage.FeedbackQuery;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.IncompatibleSchemaException;
import dev.feedbackloop.storage.InsertResult;
import dev.feedbackloop.storage.OutcomeRow;
import dev.feedbackloop.storage.Statistics;
import dev.feedbackloop.storage.StoreCheck;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The embedded default store: one SQLite file. Opening creates parent folders, refuses a file that
 * is not a database (without touching it) and brings the schema up to date. Thread-safe; many
 * processes may write the same file at once (see {@link SqliteConnections}).
 */
public final class SqliteFeedbackStore implements FeedbackStore {
    private final Path file;
    private final SqliteConnections connections;
    private final dev.feedbackloop.storage.JdbcAlertStore alerts = new dev.feedbackloop.storage.JdbcAlertStore(
            new dev.feedbackloop.storage.JdbcAlertStore.Transactions() {
                @Override
                public <T> T read(String what, dev.feedbackloop.storage.JdbcAlertStore.Work<T> work) {
                    return SqliteFeedbackStore.this.read(what, work::run);
                }

                @Override
                public <T> T write(String what, dev.feedbackloop.storage.JdbcAlertStore.Work<T> work) {
                    return SqliteFeedbackStore.this.write(what, work::run);
                }
            });

    /** The time of the store's own records: replaced votes, changes, cached results, saved reports. */
    private final Clock clock;

    private SqliteFeedbackStore(Path file, boolean readOnly, Clock clock) {
        this.file = file;
        this.connections = new SqliteConnections(file, readOnly);
        this.clock = clock;
    }

    /**
     * Opens (creating if needed) the database at {@code file} with an up-to-date schema. An existing
     * database in a folder this process cannot write is opened read-only (see
     * {@link SqliteFiles#readOnly}): reads work, caches and reports are not kept, writes of feedback
     * fail with a {@link StorageException} that says why.
     *
     * @throws NotADatabaseException       when the file holds something else
     * @throws IncompatibleSchemaException when its tables lack what this version needs
     * @throws StorageException            when it cannot be created, read or upgraded
     */
    public static SqliteFeedbackStore open(Path file) {
        return open(file, Clock.systemUTC());
    }

    /** As {@link #open(Path)}, with {@code clock} the time of the store's own records (see {@link FeedbackStore}). */
    public static SqliteFeedbackStore open(Path file, Clock clock) {
        boolean readOnly = SqliteFiles.prepare(file);
        SqliteFeedbackStore store = new SqliteFeedbackStore(file, readOnly, clock);
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
        boolean current = read("open " + file, SqliteMigrations::isCurrent);
        if (!current) {
            if (connections.readOnly()) {
                throw new StorageException(file + " needs an upgrade to schema version " + SqliteMigrations.LATEST
                        + ", which cannot be written: its folder is not writable");
            }
            SqliteMigrations.migrate(file, connections);
        }
        read("check the schema of " + file, c -> {
            SqliteSchema.verify(c, file);
            return null;
        });
    }

    @Override
    public InsertResult insert(FeedbackEntry entry) {
        return write("store feedback " + entry.feedbackId(), c -> Inserter.insert(c, entry, clock.instant()));
    }

    @Override
    public BatchWriter openBatch() {
        return connections.run("start a write transaction on " + file, c -> {
            SqliteConnections.begin(c);
            try {
                return new SqliteBatchWriter(c, connections, false, clock);
            } catch (SQLException | RuntimeException e) {
                SqliteConnections.rollbackQuietly(c);
                throw e;
            }
        }, false, false);
    }

    /**
     * Takes the file alone in rollback-journal mode when no other connection is using it, so every
     * page is written once (through WAL, each page is written to the log, then copied into the
     * database at the checkpoint); see {@link SqliteConnections#exclusive()}. Otherwise an ordinary
     * {@link #openBatch()}. While it lasts, this tool's other processes wait for it (busy timeout and
     * retries: about six minutes); tools with short busy timeouts get "database is locked".
     */
    @Override
    public BatchWriter openBulkBatch() {
        Optional<Connection> exclusive;
        try {
            exclusive = connections.exclusive();
        } catch (SQLException e) {
            throw SqliteConnections.translate("start a bulk write on " + file, e);
        }
        if (exclusive.isEmpty()) {
            return openBatch();
        }
        try {
            return new SqliteBatchWriter(exclusive.get(), connections, true, clock);
        } catch (SQLException | RuntimeException e) {
            connections.endExclusive(exclusive.get());
            throw e instanceof SQLException ? SqliteConnections.translate("start a bulk write on " + file, (SQLException) e)
                    : (RuntimeException) e;
        }
    }

    @Override
    public List<FeedbackEntry> find(FeedbackQuery q) {
        return read("read feedback", c -> {
            List<FeedbackEntry> out = new ArrayList<>();
            SqliteReads.entries(c, q, "timestamp DESC, id DESC", out::add);
            return out;
        });
    }

    @Override
    public void forEach(FeedbackQuery q, Consumer<FeedbackEntry> action) {
        read("read feedback", c -> {
            SqliteReads.entries(c, q, "timestamp, id", action);
            return null;
        });
    }

    @Override
    public Optional<FeedbackEntry> findById(String feedbackId) {
        return read("read feedback " + feedbackId, c -> Inserter.findById(c, feedbackId));
    }

    @Override
    public long count() {
        return read("count feedback", SqliteReads::count);
    }

    @Override
    public Statistics statistics(Instant from, Instant to) {
        return read("compute statistics", c -> SqliteReads.statistics(c, from, to));
    }

    @Override
    public void scan(Instant from, Instant to, Consumer<AnalysisRow> action) {
        read("scan feedback", c -> {
            SqliteReads.scan(c, from, to, action);
            return null;
        });
    }

    @Override
    public void scanAdded(Instant from, Instant to, long afterId, long upToId, Consumer<AnalysisRow> action) {
        read("scan new feedback", c -> {
            SqliteReads.scanAdded(c, from, to, afterId, upToId, action);
            return null;
        });
    }

    @Override
    public List<EntryText> texts(Collection<Long> ids) {
        List<EntryText> out = new ArrayList<>(ids.size());
        if (!ids.isEmpty()) {
            read("read prompts", c -> {
                SqliteReads.texts(c, ids, out);
                return null;
            });
        }
        return out;
    }

    /** A no-op on a read-only database. */
    @Override
    public void saveTaskClasses(Map<Long, String> classes) {
        if (classes.isEmpty()) {
            return;
        }
        writeUnlessReadOnly("keep task classes", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE feedback SET task_class = ? WHERE id = ?")) {
                for (Map.Entry<Long, String> e : classes.entrySet()) {
                    ps.setString(1, e.getValue());
                    ps.setLong(2, e.getKey());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    @Override
    public void outcomesAfter(long afterId, long upToId, Consumer<OutcomeRow> action) {
        read("read outcomes", c -> {
            SqliteReads.outcomesAfter(c, afterId, upToId, action);
            return null;
        });
    }

    @Override
    public DataVersion dataVersion() {
        return read("read data version", SqliteChanges::dataVersion);
    }

    @Override
    public Optional<FeedbackEntry> delete(String feedbackId) {
        return write("delete feedback " + feedbackId, c -> Inserter.delete(c, feedbackId, clock.instant()));
    }

    @Override
    public void changedSpansAfter(long afterSeq, java.util.function.BiConsumer<Instant, Instant> span) {
        read("read changes", c -> {
            SqliteChanges.after(c, afterSeq, span);
            return null;
        });
    }

    @Override
    public Deletion delete(DeletionFilter filter, Instant at, String actor, boolean dryRun) {
        if (dryRun) {
            return read("count what a deletion would remove", c -> SqliteDeletions.delete(c, filter, at, true));
        }
        return write("delete feedback", c -> {
            Deletion d = SqliteDeletions.delete(c, filter, at, false);
            SqliteAudit.add(c, new AuditEvent(0, at, actor, filter.ageOnly() ? "purge" : "delete", filter.describe(),
                    d.entries() + d.replacedVotes()));
            return d;
        });
    }

    @Override
    public void vacuum() {
        connections.run("vacuum " + file, c -> {
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("VACUUM");
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            return null;
        }, false, true);
    }

    @Override
    public void audit(AuditEvent event) {
        write("write the audit trail", c -> {
            SqliteAudit.add(c, event);
            return null;
        });
    }

    @Override
    public List<AuditEvent> auditTrail(Instant since, int limit) {
        return read("read the audit trail", c -> SqliteAudit.since(c, since, limit));
    }

    @Override
    public List<FeedbackEntry> replacedVotes(String outputId, String raterId) {
        return read("read vote history", c -> SqliteChanges.replacedVotes(c, outputId, raterId));
    }

    @Override
    public void keepOutput(RatedOutput kept) {
        write("keep output " + kept.outputId(), c -> {
            SqliteKept.keepOutput(c, kept);
            return null;
        });
    }

    @Override
    public Optional<RatedOutput> output(String outputId) {
        return read("read output " + outputId, c -> SqliteKept.output(c, outputId));
    }

    @Override
    public long backupTo(Path target) {
        refuseToOverwrite(target, "the backup file");
        return SqliteBackups.backup(target, partial -> read("back up " + file + " to " + target, c -> {
            SqliteBackups.vacuumInto(c, partial);
            return null;
        }));
    }

    @Override
    public StoreCheck verify() {
        return read("verify " + file, SqliteBackups::check);
    }

    @Override
    public Optional<String> setting(String name) {
        return read("read setting " + name, c -> SqliteKept.setting(c, name));
    }

    @Override
    public void putSetting(String name, String value) {
        write("store setting " + name, c -> {
            SqliteKept.putSetting(c, name, value);
            return null;
        });
    }

    @Override
    public String settingIfAbsent(String name, String value) {
        return write("store setting " + name, c -> SqliteKept.settingIfAbsent(c, name, value));
    }

    @Override
    public Optional<String> cached(String key, DataVersion version) {
        return read("read cache", c -> SqliteCaches.cached(c, key, version));
    }

    /** A no-op on a read-only database: a cache that cannot be kept is simply not kept. */
    @Override
    public void putCache(String key, DataVersion version, String json) {
        writeUnlessReadOnly("write cache", c -> SqliteCaches.put(c, key, version, json, clock.instant()));
    }

    /** A no-op on a read-only database (nothing is cached there). */
    @Override
    public void dropCache(String key) {
        writeUnlessReadOnly("drop cache " + key, c -> SqliteCaches.drop(c, key));
    }

    @Override
    public Optional<String> savedReport(String period) {
        return read("read report " + period, c -> SqliteCaches.savedReport(c, period));
    }

    /** A no-op on a read-only database: the report is still computed and shown, just not kept. */
    @Override
    public void saveReport(String period, Instant start, Instant end, String json) {
        writeUnlessReadOnly("save report", c -> SqliteCaches.saveReport(c, period, start, end, json, clock.instant()));
    }

    @Override
    public void addKey(ApiKey key) {
        write("store API key " + key.name(), c -> {
            SqliteKeys.add(c, key);
            return null;
        });
    }

    @Override
    public List<ApiKey> keys() {
        return read("read API keys", SqliteKeys::all);
    }

    @Override
    public boolean revokeKey(String name, Instant at) {
        return write("revoke API key " + name, c -> SqliteKeys.revoke(c, name, at));
    }

    @Override
    public void addSession(SignIn s) {
        write("store a sign-in", c -> {
            SqliteSessions.add(c, s);
            return null;
        });
    }

    @Override
    public Optional<SignIn> session(String idHash) {
        return read("read a sign-in", c -> SqliteSessions.find(c, idHash));
    }

    @Override
    public void touchSession(String idHash, Instant lastUsed, Instant expires) {
        writeUnlessReadOnly("record a sign-in's use", c -> SqliteSessions.touch(c, idHash, lastUsed, expires));
    }

    @Override
    public void endSession(String idHash) {
        write("end a sign-in", c -> {
            SqliteSessions.end(c, idHash);
            return null;
        });
    }

    @Override
    public void endSessionsOf(String keyName) {
        write("end the sign-ins of " + keyName, c -> {
            SqliteSessions.endOf(c, keyName);
            return null;
        });
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public boolean holds(Path other) {
        return SqliteFiles.holds(file, other);
    }

    /**
     * {@link #holds} for a database that may not be open (or exist) yet: true when {@code other} is
     * {@code db} or one of its companion files.
     */
    public static boolean holds(Path db, Path other) {
        return SqliteFiles.holds(db, other);
    }

    @Override
    public dev.feedbackloop.storage.AlertStore alertStore() {
        return alerts;
    }

    @Override
    public void close() {
        connections.close();
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    <T> T read(String what, SqlWork<T> work) {
        return connections.run(what, work, false, true);
    }

    @FunctionalInterface
    private interface SqlStep {
        void run(Connection c) throws SQLException;
    }

    /** {@link #write} of what a read-only database simply does not keep (caches, reports). */
    private void writeUnlessReadOnly(String what, SqlStep step) {
        if (!connections.readOnly()) {
            write(what, c -> {
                step.run(c);
                return null;
            });
        }
    }

    /** Runs {@code work} in one write transaction, retrying when the database stays busy. */
    <T> T write(String what, SqlWork<T> work) {
        return connections.run(what, work, true, true);
    }
}
