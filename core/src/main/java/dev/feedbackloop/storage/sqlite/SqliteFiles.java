package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.sqlite.SQLiteDataSource;

/**
 * Checks on the database file made before SQLite touches it, so a wrong path is never modified, and
 * the creation of a new one.
 */
final class SqliteFiles {
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private SqliteFiles() {
    }

    /**
     * Makes sure {@code file} can hold a database: parent folders exist (created if needed), and an
     * existing non-empty file starts with the SQLite header.
     *
     * @throws NotADatabaseException when the file exists but is something else (left untouched)
     * @throws StorageException      when folders cannot be created or the file cannot be read
     */
    static void prepare(Path file) {
        if (Files.isDirectory(file)) {
            throw new NotADatabaseException(file + " is a directory, not a database file");
        }
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (AccessDeniedException e) {
            throw new StorageException("cannot create folder " + parent + ": permission denied");
        } catch (IOException e) {
            throw new StorageException("cannot create folder " + parent + ": " + e.getMessage(), e);
        }
        if (!Files.exists(file)) {
            if (!Files.isWritable(parent)) {
                throw new StorageException("cannot create " + file + ": folder " + parent + " is not writable");
            }
            create(file);
            return;
        }
        byte[] head = new byte[MAGIC.length];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (n == 0) {
            create(file);
            return;
        }
        if (n < MAGIC.length || !Arrays.equals(head, MAGIC)) {
            throw new NotADatabaseException(file + " is not a SQLite database (no SQLite header); "
                    + "it was left untouched. Point --db (or FEEDBACK_DB) at a database file or a new path.");
        }
    }

    /**
     * Starts a new database with {@link SqliteConnections#PAGE_SIZE} pages in WAL mode. The page size
     * can only be chosen before the first write, and the configured connections would switch to WAL
     * first. Harmless when another process created the file meanwhile (its settings stay).
     */
    private static void create(Path file) {
        SQLiteDataSource plain = new SQLiteDataSource();
        plain.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        try (Connection c = plain.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout(SqliteConnections.BUSY_TIMEOUT_MS / 1000);
            st.execute("PRAGMA page_size = " + SqliteConnections.PAGE_SIZE);
            st.execute("PRAGMA journal_mode = WAL");
        } catch (SQLException e) {
            throw SqliteConnections.translate("create " + file, e);
        }
    }
}
