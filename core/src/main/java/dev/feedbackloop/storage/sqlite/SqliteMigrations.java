package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Versioned schema migrations (Flyway, {@code db/sqlite}). A database written by the original
 * Python tool has the tables but no history: it is baselined at version 0 and upgraded in place.
 * A new, empty database gets the same migrations applied directly, in one transaction, without
 * Flyway (whose start costs about half a second of a process); it has no Flyway history, so a later
 * upgrade baselines it at the version it was created with. A new migration is added to
 * {@link #createIfEmpty} too ({@code SqliteMigrationsTest} compares both ways).
 * After a successful run {@code PRAGMA user_version} holds {@link #LATEST}, which lets every later
 * open skip Flyway with one pragma read.
 * Processes that find an outdated schema at the same moment take turns through a lock file.
 */
final class SqliteMigrations {
    static final int LATEST = 8;
    private static final Pattern STATEMENT_END = Pattern.compile(";\\s*$", Pattern.MULTILINE);

    private SqliteMigrations() {
    }

    static boolean isCurrent(Connection c) throws SQLException {
        return userVersion(c) >= LATEST;
    }

    /** The file whose lock serialises migrations of {@code dbFile}; left in place after them. */
    static Path lockFile(Path dbFile) {
        return dbFile.resolveSibling("." + dbFile.getFileName() + ".migration-lock");
    }

    static void migrate(Path dbFile, SqliteConnections connections) {
        Path lockFile = lockFile(dbFile);
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            int version;
            try (Connection c = connections.dataSource().getConnection()) {
                if (isCurrent(c) || createIfEmpty(c)) {
                    return;
                }
                version = hasFlywayHistory(c) ? 0 : userVersion(c);
            }
            upgrade(connections, version);
        } catch (FlywayException e) {
            throw new StorageException("schema migration of " + dbFile + " failed (the database was left as it was): "
                    + e.getMessage(), e);
        } catch (SQLException e) {
            throw connections.failure("schema migration of " + dbFile, e);
        } catch (IOException e) {
            throw new StorageException("cannot lock " + lockFile + " for migration: " + e.getMessage(), e);
        }
    }

    /**
     * Runs Flyway's migrations after {@code baseline}, the version a database without Flyway history
     * is at (0 for the original tool's, the creating version for one made by {@link #createIfEmpty}),
     * and records {@link #LATEST}.
     */
    static void upgrade(SqliteConnections connections, int baseline) throws SQLException {
        Flyway.configure(SqliteMigrations.class.getClassLoader())
                .dataSource(connections.dataSource())
                .locations("classpath:db/sqlite")
                .javaMigrations(new V2__DerivedColumns())
                .baselineOnMigrate(true)
                .baselineVersion(String.valueOf(baseline))
                .load()
                .migrate();
        try (Connection c = connections.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = " + LATEST);
        }
    }

    /** Applies every migration in one transaction when the database holds nothing yet; false otherwise. */
    static boolean createIfEmpty(Connection c) throws SQLException {
        SqliteConnections.begin(c);
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_schema")) {
                if (rs.next() && rs.getInt(1) > 0) {
                    SqliteConnections.rollbackQuietly(c);
                    return false;
                }
            }
            runScript(st, "V1__specification_schema.sql");
            V2__DerivedColumns.apply(c);
            runScript(st, "V3__api_keys.sql");
            runScript(st, "V4__votes_and_changes.sql");
            runScript(st, "V5__lifecycle.sql");
            runScript(st, "V6__alerts_outbox_schedules.sql");
            runScript(st, "V7__task_class.sql");
            runScript(st, "V8__sessions.sql");
            st.execute("PRAGMA user_version = " + LATEST);
            SqliteConnections.commit(c);
            return true;
        } catch (SQLException | RuntimeException e) {
            SqliteConnections.rollbackQuietly(c);
            throw e;
        }
    }

    /** Runs one of Flyway's SQL scripts, whose statements end with a semicolon at the end of a line. */
    private static void runScript(Statement st, String name) throws SQLException {
        String script;
        try (InputStream in = SqliteMigrations.class.getResourceAsStream("/db/sqlite/" + name)) {
            if (in == null) {
                throw new IllegalStateException("db/sqlite/" + name + " is missing from the build");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String sql : STATEMENT_END.split(script)) {
            if (!sql.isBlank()) {
                st.execute(sql);
            }
        }
    }

    private static int userVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static boolean hasFlywayHistory(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'flyway_schema_history'")) {
            return rs.next();
        }
    }
}
