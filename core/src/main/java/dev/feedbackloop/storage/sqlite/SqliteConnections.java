package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.StorageException;
import dev.feedbackloop.storage.DiskFullException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Connections to one SQLite file, configured for many writers: WAL (readers and the writer never
 * block each other), a long busy timeout, and write transactions that take the write lock up front
 * ({@link #begin BEGIN IMMEDIATE}), so a writer waits its turn instead of failing on a lock upgrade.
 * The one exception is a bulk load ({@link #exclusive()}), which holds the file alone while it lasts.
 * Idle connections are kept for reuse. Thread-safe.
 */
final class SqliteConnections implements AutoCloseable {
    static final int BUSY_TIMEOUT_MS = 60_000;
    /** Page cache per connection, KiB. */
    static final int CACHE_KIB = 65_536;
    /**
     * Page size of databases this code creates (existing files keep theirs). Rows average 1-2 KB of
     * text: 16 KiB pages hold several, so a bulk insert splits pages and writes WAL frames a quarter
     * as often as with the 4 KiB default.
     */
    static final int PAGE_SIZE = 16_384;
    private static final int IDLE_MAX = 4;

    private final Path file;
    private final boolean readOnly;
    private final SQLiteDataSource dataSource;
    /*
     * Last in, first out: the connection used last is handed out next. In WAL mode a connection drops
     * its whole page cache when another connection wrote since its last transaction, so a writer that
     * took turns between two idle connections (as a FIFO does) would re-read its indexes from the file
     * for every transaction; the server's group-commit writer keeps one warm connection instead.
     */
    private final BlockingDeque<Connection> idle = new LinkedBlockingDeque<>(IDLE_MAX);

    /**
     * @param readOnly open the file as immutable and read-only (a database in a folder this process
     *                 cannot write; see {@link SqliteFiles#readOnly})
     */
    SqliteConnections(Path file, boolean readOnly) {
        this.file = file;
        this.readOnly = readOnly;
        SQLiteConfig config = new SQLiteConfig();
        if (readOnly) {
            config.setReadOnly(true);
        } else {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        }
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        config.setCacheSize(-CACHE_KIB);
        config.enforceForeignKeys(true);
        dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(readOnly ? "jdbc:sqlite:" + file.toAbsolutePath().toUri() + "?immutable=1"
                : "jdbc:sqlite:" + file.toAbsolutePath());
    }

    SQLiteDataSource dataSource() {
        return dataSource;
    }

    boolean readOnly() {
        return readOnly;
    }

    /**
     * {@link #translate(String, SQLException)} for this file, and a full disk said as such: SQLite reports one as
     * SQLITE_FULL, or as an I/O error such as SQLITE_IOERR_SHMSIZE when the WAL index cannot grow.
     */
    StorageException failure(String what, SQLException e) {
        if (readOnly && e instanceof SQLiteException
                && ((SQLiteException) e).getResultCode().name().startsWith("SQLITE_READONLY")) {
            return new StorageException(what + ": " + file + " is read-only here (its folder is not writable)", e);
        }
        if (e instanceof SQLiteException) {
            String code = ((SQLiteException) e).getResultCode().name();
            if (code.equals("SQLITE_FULL") || (code.startsWith("SQLITE_IOERR") && diskFull())) {
                return new DiskFullException(what + ": the disk holding " + file + " is full ("
                        + freeSpace() + " bytes free" + "); nothing was stored. Free some space and try again.", e);
            }
        }
        return translate(what, e);
    }

    Connection borrow() throws SQLException {
        Connection c = idle.pollFirst();
        if (c != null) {
            return c;
        }
        return dataSource.getConnection();
    }

    /** Takes a connection back; one that is not in auto-commit mode (never ours) is closed, not reused. */
    void giveBack(Connection c) {
        try {
            if (c.isClosed()) {
                return;
            }
            if (!c.getAutoCommit() || !idle.offerFirst(c)) {
                c.close();
            }
        } catch (SQLException e) {
            closeQuietly(c);
        }
    }

    /**
     * A connection that holds the file alone, in rollback-journal mode, with an EXCLUSIVE transaction
     * begun; empty when the file is in use: only the sole connection may leave WAL mode, and SQLite
     * refuses at once (no busy wait) while another connection that has read the file is open, in
     * any process. This pool's idle connections are closed first. Also empty when opening the
     * connection stays busy (another bulk load holds the file): the caller falls back to an ordinary
     * batch, which waits and retries.
     *
     * <p>Why: a page appended to the file needs no journal, so a bulk load into a new or small
     * database writes its data once, where WAL writes it twice (log, then checkpoint). A crash leaves
     * a journal that the next connection rolls back. Connections that open the file meanwhile (or
     * were open without having read it) wait for {@link #endExclusive}, which restores WAL mode.
     */
    Optional<Connection> exclusive() throws SQLException {
        closeIdle();
        Connection c = null;
        try {
            c = dataSource.getConnection();
            execute(c, "PRAGMA locking_mode = EXCLUSIVE");
            String mode;
            try (java.sql.Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("PRAGMA journal_mode = DELETE")) {
                mode = rs.next() ? rs.getString(1) : "";
            }
            if (!"delete".equalsIgnoreCase(mode)) {
                endExclusive(c);
                return Optional.empty();
            }
            execute(c, "PRAGMA synchronous = FULL");
            execute(c, "BEGIN EXCLUSIVE");
            return Optional.of(c);
        } catch (SQLException e) {
            if (c != null) {
                endExclusive(c);
            }
            if (isBusy(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Ends a connection from {@link #exclusive()}: rolls back what is uncommitted, returns the file to
     * WAL mode and closes the connection, which lets others in. Never throws: if WAL cannot be
     * restored here, the next connection to open the file restores it (its configuration asks for WAL).
     */
    void endExclusive(Connection c) {
        try {
            if (!c.isClosed()) {
                try {
                    execute(c, "ROLLBACK");
                } catch (SQLException noTransaction) {
                    // committed already, or never begun
                }
                execute(c, "PRAGMA journal_mode = WAL");
                execute(c, "PRAGMA locking_mode = NORMAL");
            }
        } catch (SQLException e) {
            // left in rollback-journal mode; see above
        } finally {
            closeQuietly(c);
        }
    }

    /*
     * Transactions are explicit statements on auto-commit connections. The driver's own
     * setAutoCommit(false)/commit()/rollback() would begin the next IMMEDIATE transaction right after
     * each commit or rollback, taking the write lock again (and a commit could report "busy" after
     * its data was already committed).
     */

    /** Starts a write transaction, taking the write lock now (waiting up to the busy timeout). */
    static void begin(Connection c) throws SQLException {
        execute(c, "BEGIN IMMEDIATE");
    }

    static void commit(Connection c) throws SQLException {
        execute(c, "COMMIT");
    }

    /** Rolls back the open transaction, if any; never throws (the connection is then closed). */
    static void rollbackQuietly(Connection c) {
        try {
            execute(c, "ROLLBACK");
        } catch (SQLException e) {
            closeQuietly(c);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (java.sql.Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** True for the lock errors a retry can cure (the busy timeout already waited once). */
    static boolean isBusy(SQLException e) {
        if (e instanceof SQLiteException) {
            SQLiteErrorCode code = ((SQLiteException) e).getResultCode();
            return code == SQLiteErrorCode.SQLITE_BUSY || code == SQLiteErrorCode.SQLITE_LOCKED
                    || code.name().startsWith("SQLITE_BUSY") || code.name().startsWith("SQLITE_LOCKED");
        }
        return false;
    }

    /** Less than 1 MiB left where the database lives: SQLite's I/O errors then mean a full disk. */
    private boolean diskFull() {
        long free = freeSpace();
        return free >= 0 && free < (1 << 20);
    }

    /** Usable bytes on the file system of the database's folder; -1 when unknown. */
    private long freeSpace() {
        try {
            return java.nio.file.Files.getFileStore(file.toAbsolutePath().getParent()).getUsableSpace();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    static StorageException translate(String what, SQLException e) {
        if (e instanceof SQLiteException && ((SQLiteException) e).getResultCode() == SQLiteErrorCode.SQLITE_FULL) {
            return new DiskFullException(what + ": the disk is full; nothing was stored. Free some space and try again.", e);
        }
        if (e instanceof SQLiteException) {
            SQLiteErrorCode code = ((SQLiteException) e).getResultCode();
            if (code == SQLiteErrorCode.SQLITE_NOTADB) {
                return new NotADatabaseException("the database file is not a SQLite database: " + e.getMessage());
            }
            if (code == SQLiteErrorCode.SQLITE_READONLY || code.name().startsWith("SQLITE_READONLY")
                    || code == SQLiteErrorCode.SQLITE_CANTOPEN || code.name().startsWith("SQLITE_CANTOPEN")) {
                return new StorageException(what + ": the database file or its folder is not writable ("
                        + code.name() + ")", e);
            }
        }
        return new StorageException(what + ": " + e.getMessage(), e);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // already broken; nothing to release
        }
    }

    private void closeIdle() {
        Connection c;
        while ((c = idle.poll()) != null) {
            closeQuietly(c);
        }
    }

    @Override
    public void close() {
        closeIdle();
    }

    private static final int BUSY_RETRIES = 5;

    /**
     * Runs {@code work} on a pooled connection, in a transaction of its own when {@code transactional}.
     * A busy database is retried with backoff; a failed transaction is rolled back first, so a retry
     * never applies a write twice. With {@code giveBack} false the connection stays with the result.
     */
    <T> T run(String what, SqliteFeedbackStore.SqlWork<T> work, boolean transactional, boolean giveBack) {
        SQLException last = null;
        for (int attempt = 0; attempt <= BUSY_RETRIES; attempt++) {
            Connection c = null;
            boolean keep = false;
            try {
                c = borrow();
                if (transactional) {
                    begin(c);
                }
                T result;
                try {
                    result = work.run(c);
                    if (transactional) {
                        commit(c);
                    }
                } catch (SQLException | RuntimeException e) {
                    if (transactional) {
                        rollbackQuietly(c);
                    }
                    throw e;
                }
                keep = !giveBack;
                return result;
            } catch (SQLException e) {
                if (!isBusy(e)) {
                    throw failure(what, e);
                }
                last = e;
                sleep(50L << attempt);
            } finally {
                if (c != null && !keep) {
                    giveBack(c);
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
