package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.StorageException;
import dev.feedbackloop.access.ApiKey;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.capture.RatedOutput;
import dev.feedbackloop.capture.Outcome;
import dev.feedbackloop.internal.Timestamps;
import dev.feedbackloop.storage.AnalysisRow;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.DataVersion;
import dev.feedbackloop.storage.EntryColumns;
import dev.feedbackloop.storage.EntryText;
import dev.feedbackloop.storage.FeedbackQuery;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.IncompatibleSchemaException;
import dev.feedbackloop.storage.InsertResult;
import dev.feedbackloop.storage.OutcomeRow;
import dev.feedbackloop.storage.Statistics;
import dev.feedbackloop.storage.StoreCheck;
import dev.feedbackloop.storage.StatisticsBuilder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The embedded default store: one SQLite file. Opening creates parent folders, refuses a file that
 * is not a database (without touching it) and brings the schema up to date. Thread-safe; many
 * processes may write the same file at once (see {@link SqliteConnections}).
 */
public final class SqliteFeedbackStore implements FeedbackStore {
    private static final int BUSY_RETRIES = 5;

    private final Path file;
    private final SqliteConnections connections;

    private SqliteFeedbackStore(Path file, boolean readOnly) {
        this.file = file;
        this.connections = new SqliteConnections(file, readOnly);
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
        boolean readOnly = SqliteFiles.prepare(file);
        SqliteFeedbackStore store = new SqliteFeedbackStore(file, readOnly);
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
        return write("store feedback " + entry.feedbackId(), c -> Inserter.insert(c, entry));
    }

    @Override
    public BatchWriter openBatch() {
        return withConnection("start a write transaction on " + file, c -> {
            SqliteConnections.begin(c);
            try {
                return new SqliteBatchWriter(c, connections, false);
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
            return new SqliteBatchWriter(exclusive.get(), connections, true);
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
            entries(c, q, "timestamp DESC, id DESC", out::add);
            return out;
        });
    }

    @Override
    public void forEach(FeedbackQuery q, Consumer<FeedbackEntry> action) {
        read("read feedback", c -> {
            entries(c, q, "timestamp, id", action);
            return null;
        });
    }

    private static void entries(Connection c, FeedbackQuery q, String order, Consumer<FeedbackEntry> action)
            throws SQLException {
        SqlFilter f = SqlFilter.of(q);
        String sql = "SELECT " + EntryColumns.SELECT_COLUMNS + " FROM feedback" + f.where() + " ORDER BY " + order
                + (q.limit() != null ? " LIMIT " + q.limit() : "");
        each(c, f, sql, rs -> action.accept(EntryColumns.read(rs)));
    }

    /** Runs {@code sql} with the filter's parameters and hands each row to {@code row}. */
    private static void each(Connection c, SqlFilter f, String sql, SqlRow row) throws SQLException {
        try (PreparedStatement ps = f.prepare(c, sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                row.accept(rs);
            }
        }
    }

    @FunctionalInterface
    private interface SqlRow {
        void accept(ResultSet rs) throws SQLException;
    }

    @Override
    public Optional<FeedbackEntry> findById(String feedbackId) {
        return read("read feedback " + feedbackId, c -> Inserter.findById(c, feedbackId));
    }

    @Override
    public long count() {
        return read("count feedback", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM feedback");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public Statistics statistics(Instant from, Instant to) {
        SqlFilter f = SqlFilter.of(FeedbackQuery.between(from, to));
        String sql = "SELECT rating, thumbs_up, count(*) FROM feedback" + f.where() + " GROUP BY rating, thumbs_up";
        return read("compute statistics", c -> {
            StatisticsBuilder b = new StatisticsBuilder();
            each(c, f, sql, rs -> b.add(rs.getInt(1), rs.getBoolean(2), rs.getLong(3)));
            return b.build();
        });
    }

    @Override
    public void scan(Instant from, Instant to, Consumer<AnalysisRow> action) {
        SqlFilter f = SqlFilter.of(FeedbackQuery.between(from, to));
        String sql = "SELECT " + ScanRows.COLUMNS + " FROM feedback INDEXED BY idx_feedback_window" + f.where()
                + " ORDER BY timestamp";
        scanRows("scan feedback", f, sql, action);
    }

    private void scanRows(String what, SqlFilter f, String sql, Consumer<AnalysisRow> action) {
        read(what, c -> {
            ScanRows rows = new ScanRows(c);
            each(c, f, sql, rs -> action.accept(rows.read(rs)));
            return null;
        });
    }

    @Override
    public void scanAdded(Instant from, Instant to, long afterId, Consumer<AnalysisRow> action) {
        SqlFilter f = SqlFilter.of(FeedbackQuery.between(from, to)).and("id > ?", afterId);
        scanRows("scan new feedback", f, "SELECT " + ScanRows.COLUMNS + " FROM feedback NOT INDEXED" + f.where()
                + " ORDER BY id", action);
    }

    @Override
    public List<EntryText> texts(Collection<Long> ids) {
        List<EntryText> out = new ArrayList<>(ids.size());
        if (ids.isEmpty()) {
            return out;
        }
        read("read prompts", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, prompt, notes, rating, thumbs_up FROM feedback WHERE id = ?")) {
                for (long id : ids) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            out.add(new EntryText(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                                    rs.getBoolean(5)));
                        }
                    }
                }
            }
            return null;
        });
        return out;
    }

    @Override
    public void outcomesAfter(long afterId, Consumer<OutcomeRow> action) {
        // from the start, the partial index holds exactly the attributed rows; after that, the new rows by id
        SqlFilter f = SqlFilter.NONE.and("id > ?", afterId);
        String sql = "SELECT id, timestamp, task_type, framework, rating, thumbs_up FROM feedback"
                + (afterId <= 0 ? " INDEXED BY idx_feedback_attributed" : "") + f.where()
                + " AND task_type IS NOT NULL AND framework IS NOT NULL ORDER BY id";
        read("read outcomes", c -> {
            each(c, f, sql, rs -> action.accept(new OutcomeRow(rs.getLong(1), Timestamps.parse(rs.getString(2)),
                    rs.getString(3), rs.getString(4), Outcome.of(rs.getInt(5), rs.getBoolean(6)) == Outcome.POSITIVE)));
            return null;
        });
    }

    @Override
    public DataVersion dataVersion() {
        return read("read data version", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT (SELECT max(id) FROM feedback), (SELECT max(seq) FROM changes)");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new DataVersion(rs.getLong(1), rs.getLong(2));
            }
        });
    }

    @Override
    public Optional<FeedbackEntry> delete(String feedbackId) {
        return write("delete feedback " + feedbackId, c -> Inserter.delete(c, feedbackId));
    }

    @Override
    public void changesAfter(long afterSeq, Consumer<Instant> entryTimestamp) {
        read("read changes", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT entry_timestamp FROM changes WHERE seq > ? ORDER BY seq")) {
                ps.setLong(1, afterSeq);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entryTimestamp.accept(Timestamps.parse(rs.getString(1)));
                    }
                }
            }
            return null;
        });
    }

    @Override
    public List<FeedbackEntry> replacedVotes(String outputId, String raterId) {
        return read("read vote history", c -> {
            List<FeedbackEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + EntryColumns.SELECT_COLUMNS
                    + " FROM feedback_history WHERE output_id = ? AND rater_id = ? ORDER BY id")) {
                ps.setString(1, outputId);
                ps.setString(2, raterId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(EntryColumns.read(rs));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void keepOutput(RatedOutput kept) {
        write("keep output " + kept.outputId(), c -> {
            Optional<RatedOutput> stored = outputIn(c, kept.outputId());
            if (stored.isPresent()) {
                if (!stored.get().sameContentAs(kept)) {
                    throw new dev.feedbackloop.ConflictException("output_id '" + kept.outputId()
                            + "' is kept with another prompt, output or context; give this output its own id");
                }
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO outputs (output_id, prompt, output, context, created_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, kept.outputId());
                ps.setString(2, kept.prompt());
                ps.setString(3, kept.output());
                ps.setString(4, dev.feedbackloop.internal.Json.write(kept.context()));
                ps.setString(5, Timestamps.format(kept.createdAt()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<RatedOutput> output(String outputId) {
        return read("read output " + outputId, c -> outputIn(c, outputId));
    }

    @SuppressWarnings("unchecked")
    private static Optional<RatedOutput> outputIn(Connection c, String outputId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT prompt, output, context, created_at FROM outputs WHERE output_id = ?")) {
            ps.setString(1, outputId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new RatedOutput(outputId, rs.getString(1), rs.getString(2),
                        (java.util.Map<String, Object>) dev.feedbackloop.internal.Json.parse(rs.getString(3)),
                        Timestamps.parse(rs.getString(4)))) : Optional.empty();
            }
        }
    }

    /**
     * {@code VACUUM INTO} a hidden sibling of its own (concurrent backups never share one), which reads
     * in one transaction (one moment), then linked into place, which fails rather than overwrite.
     */
    @Override
    public long backupTo(Path target) {
        if (java.nio.file.Files.exists(target)) {
            throw new dev.feedbackloop.InvalidInputException(target + " exists; a backup never overwrites a file");
        }
        refuseToOverwrite(target, "the backup file");
        Path absolute = target.toAbsolutePath();
        Path partial = absolute.resolveSibling("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Long.toHexString(System.nanoTime()) + ".partial");
        try {
            java.nio.file.Files.createDirectories(absolute.getParent());
            read("back up " + file + " to " + target, c -> {
                try (PreparedStatement ps = c.prepareStatement("VACUUM INTO ?")) {
                    ps.setString(1, partial.toString());
                    ps.execute();
                }
                return null;
            });
            dev.feedbackloop.internal.AtomicFiles.readableByAll(partial);
            // a link, not a rename: it fails if a file appeared at the target meanwhile (never overwritten)
            java.nio.file.Files.createLink(absolute, partial);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new dev.feedbackloop.InvalidInputException(target + " exists; a backup never overwrites a file");
        } catch (java.io.IOException e) {
            throw new StorageException("cannot write the backup " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                java.nio.file.Files.deleteIfExists(partial);
            } catch (java.io.IOException ignored) {
                // a hidden leftover of a failed backup; the next backup removes it
            }
        }
        return SqliteBackups.entries(absolute);
    }

    @Override
    public StoreCheck verify() {
        return read("verify " + file, c -> SqliteBackups.check(c));
    }

    @Override
    public Optional<String> setting(String name) {
        return read("read setting " + name, c -> settingIn(c, name));
    }

    @Override
    public String settingIfAbsent(String name, String value) {
        return write("store setting " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
                ps.setString(1, name);
                ps.setString(2, value);
                ps.executeUpdate();
            }
            return settingIn(c, name).orElseThrow();
        });
    }

    private static Optional<String> settingIn(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM settings WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    @Override
    public Optional<String> cached(String key, DataVersion version) {
        return read("read cache", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT analysis_data FROM pattern_cache WHERE cache_key = ? AND data_version = ?")) {
                ps.setString(1, key);
                ps.setString(2, version.token());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** A no-op on a read-only database: a cache that cannot be kept is simply not kept. */
    @Override
    public void putCache(String key, DataVersion version, String json) {
        if (connections.readOnly()) {
            return;
        }
        write("write cache", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO pattern_cache (cache_key, analysis_data, data_version, created_at)"
                            + " VALUES (?, ?, ?, ?) ON CONFLICT (cache_key) DO UPDATE SET"
                            + " analysis_data = excluded.analysis_data, data_version = excluded.data_version,"
                            + " created_at = excluded.created_at")) {
                ps.setString(1, key);
                ps.setString(2, json);
                ps.setString(3, version.token());
                ps.setString(4, Timestamps.format(Instant.now()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** A no-op on a read-only database (nothing is cached there). */
    @Override
    public void dropCache(String key) {
        if (connections.readOnly()) {
            return;
        }
        write("drop cache " + key, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM pattern_cache WHERE cache_key = ?")) {
                ps.setString(1, key);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** A no-op on a read-only database: the report is still computed and shown, just not kept. */
    @Override
    public Optional<String> savedReport(String period) {
        return read("read report " + period, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT report_data FROM reports WHERE period = ? ORDER BY id DESC LIMIT 1")) {
                ps.setString(1, period);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void saveReport(String period, Instant start, Instant end, String json) {
        if (connections.readOnly()) {
            return;
        }
        write("save report", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO reports (period, report_data, start_date, end_date, created_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, period);
                ps.setString(2, json);
                ps.setString(3, Timestamps.format(start));
                ps.setString(4, Timestamps.format(end));
                ps.setString(5, Timestamps.format(Instant.now()));
                ps.executeUpdate();
            }
            return null;
        });
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
    public void close() {
        connections.close();
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(String what, SqlWork<T> work) {
        return withConnection(what, work, false, true);
    }

    /** Runs {@code work} in one write transaction, retrying when the database stays busy. */
    private <T> T write(String what, SqlWork<T> work) {
        return withConnection(what, work, true, true);
    }

    /**
     * Runs {@code work} on a pooled connection, in a transaction of its own when {@code transactional}.
     * A busy database is retried with backoff; a failed transaction is rolled back first, so a retry
     * never applies a write twice. With {@code giveBack} false the connection stays with the result.
     */
    private <T> T withConnection(String what, SqlWork<T> work, boolean transactional, boolean giveBack) {
        SQLException last = null;
        for (int attempt = 0; attempt <= BUSY_RETRIES; attempt++) {
            Connection c = null;
            boolean keep = false;
            try {
                c = connections.borrow();
                if (transactional) {
                    SqliteConnections.begin(c);
                }
                T result;
                try {
                    result = work.run(c);
                    if (transactional) {
                        SqliteConnections.commit(c);
                    }
                } catch (SQLException | RuntimeException e) {
                    if (transactional) {
                        SqliteConnections.rollbackQuietly(c);
                    }
                    throw e;
                }
                keep = !giveBack;
                return result;
            } catch (SQLException e) {
                if (!SqliteConnections.isBusy(e)) {
                    throw connections.failure(what, e);
                }
                last = e;
                sleep(50L << attempt);
            } finally {
                if (c != null && !keep) {
                    connections.giveBack(c);
                }
            }
        }
        throw new StorageException(what + ": database stayed busy after " + BUSY_RETRIES + " retries", last);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for the database");
        }
    }
}
