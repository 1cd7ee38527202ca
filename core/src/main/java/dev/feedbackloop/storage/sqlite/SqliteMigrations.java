package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Versioned schema migrations (Flyway, {@code db/sqlite}). A database written by the original
 * Python tool has the tables but no history: it is baselined at version 0 and upgraded in place.
 * After a successful run {@code PRAGMA user_version} holds {@link #LATEST}, which lets every later
 * open skip Flyway with one pragma read (Flyway itself costs a few hundred milliseconds).
 * Processes that find an outdated schema at the same moment take turns through a lock file.
 */
final class SqliteMigrations {
    static final int LATEST = 3;

    private SqliteMigrations() {
    }

    static boolean isCurrent(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() && rs.getInt(1) >= LATEST;
        }
    }

    static void migrate(Path dbFile, SqliteConnections connections) {
        Path lockFile = dbFile.resolveSibling("." + dbFile.getFileName() + ".migration-lock");
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            try (Connection c = connections.dataSource().getConnection()) {
                if (isCurrent(c)) {
                    return;
                }
            }
            Flyway.configure(SqliteMigrations.class.getClassLoader())
                    .dataSource(connections.dataSource())
                    .locations("classpath:db/sqlite")
                    .javaMigrations(new V2__DerivedColumns())
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            try (Connection c = connections.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("PRAGMA user_version = " + LATEST);
            }
        } catch (FlywayException e) {
            throw new StorageException("schema migration of " + dbFile + " failed (the database was left as it was): "
                    + e.getMessage(), e);
        } catch (SQLException e) {
            throw connections.failure("schema migration of " + dbFile, e);
        } catch (IOException e) {
            throw new StorageException("cannot lock " + lockFile + " for migration: " + e.getMessage(), e);
        }
    }
}
