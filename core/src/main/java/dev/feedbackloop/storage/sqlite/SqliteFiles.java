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
import java.util.List;
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
     * @return true when the database exists in a folder this process cannot write: it can only be
     *         read, and only as it is on disk ({@link #readOnly})
     * @throws NotADatabaseException when the file exists but is something else (left untouched)
     * @throws StorageException      when folders cannot be created or the file cannot be read
     */
    static boolean prepare(Path file) {
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
            return false;
        }
        if (!hasHeader(file)) {
            create(file);
            return false;
        }
        return readOnly(file);
    }

    /**
     * Refuses an existing file that is not a SQLite database, without touching it.
     *
     * @throws NotADatabaseException when it is something else (or empty)
     */
    static void prepareExisting(Path file) {
        if (!hasHeader(file)) {
            throw new NotADatabaseException(file + " is empty, not a SQLite database");
        }
    }

    /**
     * False for an empty file, true for one that starts with the SQLite header.
     *
     * @throws NotADatabaseException when the file holds something else (left untouched)
     */
    private static boolean hasHeader(Path file) {
        byte[] head = new byte[MAGIC.length];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (n == 0) {
            return false;
        }
        if (n < MAGIC.length || !Arrays.equals(head, MAGIC)) {
            throw new NotADatabaseException(file + " is not a SQLite database (no SQLite header); "
                    + "it was left untouched. Point --db (or FEEDBACK_DB) at a database file or a new path.");
        }
        return true;
    }

    /**
     * True when the folder of an existing database is not writable. SQLite then cannot create the
     * WAL index ({@code -shm}) that every reader of a WAL database needs, so the file is opened as
     * immutable: read as it is on disk, without locks. Nobody can be writing it meanwhile, since a
     * writer would need to create the {@code -wal} file in that folder. A {@code -wal} file left
     * there with changes that never reached the database would be ignored: refused instead.
     *
     * @throws StorageException when such a {@code -wal} file exists
     */
    static boolean readOnly(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (Files.isWritable(parent)) {
            return false;
        }
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        try {
            if (Files.exists(wal) && Files.size(wal) > 0) {
                throw new StorageException("cannot read " + file + ": its folder is not writable and " + wal
                        + " holds changes not yet written to the database; open it once where the folder is writable");
            }
        } catch (IOException e) {
            throw new StorageException("cannot read " + wal + ": " + e.getMessage(), e);
        }
        return true;
    }

    /** What SQLite keeps beside a database file while it is in use. */
    static final List<String> COMPANIONS = List.of("", "-wal", "-shm", "-journal");

    /**
     * True when {@code other} is the database {@code db} or one of its {@link #COMPANIONS}: the same
     * file where both exist (device and inode, so also through links), else the same real location
     * (folders resolved, so also through a relative path or a linked folder).
     */
    static boolean holds(Path db, Path other) {
        Path otherLocation = realLocation(other);
        for (String suffix : COMPANIONS) {
            Path companion = db.resolveSibling(db.getFileName() + suffix);
            try {
                if (Files.exists(companion) && Files.exists(other) && Files.isSameFile(companion, other)) {
                    return true;
                }
            } catch (IOException e) {
                // unreadable: compare locations below
            }
            if (otherLocation != null && otherLocation.equals(realLocation(companion))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The file's location with its folder and, if it is a symbolic link, the link resolved; null when
     * the folder does not exist.
     */
    private static Path realLocation(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            if (Files.exists(absolute)) {
                return absolute.toRealPath();
            }
            Path parent = absolute.getParent();
            return parent != null && Files.isDirectory(parent) ? parent.toRealPath().resolve(absolute.getFileName()) : null;
        } catch (IOException e) {
            return null;
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
