package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.StorageException;
import dev.feedbackloop.storage.StoreCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks of a database file, and restoring a backup into an empty database. */
public final class SqliteBackups {
    private static final List<String> TABLES = List.of("feedback", "feedback_history", "changes", "outputs",
            "pattern_cache", "reports", "api_keys", "settings", "audit", "alerts", "alert_destinations", "outbox",
            "schedule_runs");

    private SqliteBackups() {
    }

    /** What a restore did. */
    public record Restored(long entries, StoreCheck check) {
    }

    /**
     * Restores {@code backup} into {@code target}, which must not exist or hold no entries: the
     * backup is checked first (a SQLite database whose integrity check passes), copied with SQLite's
     * online backup API, brought to the current schema and checked again, with its entries counted.
     *
     * @throws InvalidInputException when the target holds entries, or the backup is not a database
     * @throws StorageException      when the backup is damaged (nothing is restored)
     */
    public static Restored restore(Path backup, Path target) {
        Inspected source = inspect(backup);
        long entries = source.entries();
        if (Files.exists(target)) {
            try (SqliteFeedbackStore existing = SqliteFeedbackStore.open(target)) {
                requireEmpty(existing, target.toString());
            }
        }
        String path = backup.toAbsolutePath().toString();
        if (path.contains("'")) {
            throw new InvalidInputException("the backup's path must not contain an apostrophe: " + backup);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + target.toAbsolutePath());
             Statement st = c.createStatement()) {
            st.setQueryTimeout(SqliteConnections.BUSY_TIMEOUT_MS / 1000);
            st.executeUpdate("restore from '" + path + "'");
        } catch (SQLException e) {
            throw SqliteConnections.translate("restore " + backup + " into " + target, e);
        }
        try (SqliteFeedbackStore restored = SqliteFeedbackStore.open(target)) {
            StoreCheck after = restored.verify();
            long n = restored.count();
            if (n != entries || !after.integrity().isEmpty()) {
                throw new StorageException("the restore into " + target + " does not match the backup: " + n
                        + " entries of " + entries + (after.integrity().isEmpty() ? "" : "; " + after.integrity()));
            }
            return new Restored(n, after);
        }
    }

    /** A backup file as read, unchanged: its check and its entries. */
    public record Inspected(StoreCheck check, long entries) {
    }

    /**
     * Reads a backup file without changing it (read-only): SQLite's integrity check, schema
     * version, rows per table, entries.
     *
     * @throws InvalidInputException when there is no such file, or it is not a SQLite database
     * @throws StorageException      when it is damaged
     */
    public static Inspected inspect(Path backup) {
        if (!Files.isRegularFile(backup)) {
            throw new InvalidInputException("no such backup file: " + backup);
        }
        SqliteFiles.prepareExisting(backup);
        StoreCheck source;
        long entries;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + backup.toAbsolutePath().toUri() + "?mode=ro")) {
            source = check(c);
            entries = count(c, "feedback");
        } catch (SQLException e) {
            throw SqliteConnections.translate("read the backup " + backup, e);
        }
        if (!source.integrity().isEmpty()) {
            throw new StorageException("the backup " + backup + " is damaged, nothing was restored: "
                    + String.join("; ", source.integrity()));
        }
        return new Inspected(source, entries);
    }

    /**
     * Refuses a restore target that holds anything: entries, or keys, the token secret, kept outputs
     * (an "empty" database may still hold what a restore would replace).
     *
     * @throws InvalidInputException naming what it holds
     */
    public static void requireEmpty(dev.feedbackloop.storage.FeedbackStore target, String name) {
        long n = target.count();
        if (n > 0) {
            throw new InvalidInputException("restore needs an empty database: " + name + " holds " + n
                    + " entries. Restore into a new " + (name.contains("://") ? "database" : "path")
                    + " (then point --db at it).");
        }
        target.verify().rows().forEach((table, count) -> {
            if (count > 0) {
                throw new InvalidInputException("restore needs an empty database: " + name + " holds " + count
                        + " rows in " + table + ". Restore into a new " + (name.contains("://") ? "database" : "path")
                        + " (then point --db at it).");
            }
        });
    }

    /**
     * Writes a backup of a database to {@code target}: {@code copyTo} copies it to a hidden sibling of
     * its own (concurrent backups never share one), which is then linked into place, which fails
     * rather than overwrite a file that appeared meanwhile; the hidden copy is removed either way.
     *
     * @return the entries in the backup
     * @throws InvalidInputException when {@code target} exists
     */
    public static long backup(Path target, java.util.function.Consumer<Path> copyTo) {
        if (Files.exists(target)) {
            throw new InvalidInputException(target + " exists; a backup never overwrites a file");
        }
        Path absolute = target.toAbsolutePath();
        Path partial = absolute.resolveSibling("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Long.toHexString(System.nanoTime()) + ".partial");
        try {
            Files.createDirectories(absolute.getParent());
            copyTo.accept(partial);
            dev.feedbackloop.internal.AtomicFiles.readableByAll(partial);
            Files.createLink(absolute, partial);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new InvalidInputException(target + " exists; a backup never overwrites a file");
        } catch (java.io.IOException e) {
            throw new StorageException("cannot write the backup " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
                Files.deleteIfExists(SqliteMigrations.lockFile(partial)); // when copyTo created the schema
            } catch (java.io.IOException ignored) {
                // a hidden leftover of a failed backup, under a name no other backup uses
            }
        }
        return entries(absolute);
    }

    /** {@code VACUUM INTO}: a compact copy read in one transaction, so consistent to one moment. */
    static void vacuumInto(Connection c, Path file) throws SQLException {
        SqliteRows.update(c, "VACUUM INTO ?", file.toString());
    }

    /** The entries in a database file, read without changing it. */
    static long entries(Path file) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toUri() + "?mode=ro")) {
            return count(c, "feedback");
        } catch (SQLException e) {
            throw SqliteConnections.translate("count the entries of " + file, e);
        }
    }

    static StoreCheck check(Connection c) throws SQLException {
        List<String> integrity = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            while (rs.next()) {
                if (!"ok".equalsIgnoreCase(rs.getString(1))) {
                    integrity.add(rs.getString(1));
                }
            }
        }
        int version;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            version = rs.next() ? rs.getInt(1) : 0;
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            if (exists(c, table)) {
                rows.put(table, count(c, table));
            }
        }
        long orphaned = 0;
        if (rows.containsKey("feedback_history")) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM feedback_history h"
                    + " WHERE NOT EXISTS (SELECT 1 FROM feedback f WHERE f.output_id = h.output_id"
                    + " AND f.rater_id = h.rater_id)")) {
                orphaned = rs.next() ? rs.getLong(1) : 0;
            }
        }
        return new StoreCheck(integrity, version, SqliteMigrations.LATEST, rows, orphaned,
                "SQLite's integrity_check (every page, index and constraint)");
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'")) {
            return rs.next();
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
