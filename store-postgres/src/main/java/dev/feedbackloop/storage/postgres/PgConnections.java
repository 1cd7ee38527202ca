package dev.feedbackloop.storage.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.StorageException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The pool (HikariCP over the official driver) and the one translation of driver failures into the
 * product's errors: a wrong password, a missing database and an unreachable host each become one
 * line that says what to fix ({@link StorageException}: exit 1, HTTP 503), never a stack trace.
 * Thread-safe.
 */
final class PgConnections implements AutoCloseable {
    /**
     * The key of the transaction-level advisory lock that every write of feedback rows takes first
     * ("feedback" in ASCII, truncated): shared by writers that add rows or write changes (they run side by
     * side), exclusive for those that need the table to themselves ({@link Turn#EXCLUSIVE}).
     */
    static final long WRITE_LOCK = 0x6665656462616bL;
    /**
     * The key of the transaction-level advisory lock that writers of {@code changes} (votes, deletions) take
     * exclusively after {@link #WRITE_LOCK} ("changes" in ASCII): they take turns among themselves, so change
     * numbers become visible in the order they were drawn, and no two replace the same rater's vote at once.
     */
    static final long CHANGE_LOCK = 0x6368616e676573L;
    /**
     * Writers of feedback rows announce themselves with a shared transaction-level advisory lock on this
     * key plus the id sequence's last value, taken before they draw an id ("fbk" in the high 24 bits, the
     * value in the low 40): every id such a writer draws is above the value it announced.
     * {@link #FINAL_ID} reads the lowest announced value; ids at or below it are final.
     */
    static final long ANNOUNCED = 0x66626BL << 40;
    private static final String ANNOUNCE = "pg_advisory_xact_lock_shared(" + ANNOUNCED
            + " + least(coalesce(pg_sequence_last_value(pg_get_serial_sequence('feedback', 'id')::regclass), 0),"
            + " 1099511627775))"; // 2^40 - 1: an id beyond announces less than it could, never another key
    /**
     * Takes the turn of {@link Turn#SHARED} as an expression (for a statement that draws ids after it,
     * see {@code PgBatchWriter.GROUP_INSERT}).
     */
    static final String SHARED_TURN = "pg_advisory_xact_lock_shared(" + WRITE_LOCK + "), " + ANNOUNCE;
    /**
     * The lowest value announced by a write transaction still open in this database, or null when none is
     * open. A bigint advisory key shows in {@code pg_locks} as its high half in {@code classid}, its low
     * half in {@code objid}, with {@code objsubid} 1.
     */
    static final String FINAL_ID = "SELECT min(((classid::bigint & 255) << 32) | objid::bigint) FROM pg_locks"
            + " WHERE locktype = 'advisory' AND objsubid = 1 AND granted AND (classid::bigint >> 8) = "
            + (ANNOUNCED >>> 40) + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    /**
     * What a transaction takes before it writes (see {@link PostgresFeedbackStore}, commit order), each
     * turn keeping out at least the writers the one before it does. The locks are always taken in the same order
     * ({@link #WRITE_LOCK}, then {@link #CHANGE_LOCK}), and only a bulk writer takes {@link #WRITE_LOCK}
     * exclusively, from its first row: a transaction that moves from one turn to a later one never waits
     * for a lock it holds a share of.
     */
    enum Turn {
        /** Writes no feedback rows and no changes (caches, settings, keys). */
        NONE(null),
        /** Adds feedback rows that are not votes, alongside other such writers. */
        SHARED("SELECT " + SHARED_TURN),
        /**
         * Writes {@code changes} besides: removes rows (deletions) or adds votes (which replace the rater's
         * earlier vote), in turns with other such writers, alongside those that only add rows.
         */
        CHANGES("SELECT " + SHARED_TURN + ", pg_advisory_xact_lock(" + CHANGE_LOCK + ")"),
        /** Needs the table to itself: streams an import's COPY that relies on no one else adding ids, or migrates. */
        EXCLUSIVE("SELECT pg_advisory_xact_lock(" + WRITE_LOCK + "), " + ANNOUNCE);

        /** The statement that takes the turn; null for none. */
        private final String sql;

        Turn(String sql) {
            this.sql = sql;
        }
    }

    /**
     * The driver settings every connection gets unless the location's URL names them: a failed connect
     * attempt gives up after 5 s, sessions show as ours in {@code pg_stat_activity}, dead peers are noticed.
     */
    static final Map<String, String> DRIVER_DEFAULTS = Map.of("connectTimeout", "5", "ApplicationName", "feedback-loop",
            "tcpKeepAlive", "true");

    private final PostgresLocation location;

    /** HikariCP, or for a process that runs one command, {@link PgOneShotConnections}. */
    private final DataSource pool;
    private final AutoCloseable poolCloser;
    /**
     * A URL that sets prepareThreshold (0 behind PgBouncer's transaction pooling, which cannot keep
     * server-side prepared statements) is obeyed: scans then read text ({@link #streamBinary}).
     */
    private final boolean urlSetsPrepareThreshold;

    /**
     * Connects (one connection, at once: a wrong password or an unreachable host is reported here). With
     * {@code oneShot} (a process that runs one command) without a pool's housekeeping threads.
     *
     * @throws StorageException when the server cannot be reached or refuses the connection
     */
    PgConnections(PostgresLocation location, int poolSize, boolean oneShot) {
        this.location = location;
        this.urlSetsPrepareThreshold = location.jdbcUrl().contains("prepareThreshold=");
        if (oneShot) {
            PgOneShotConnections direct = null;
            try {
                direct = new PgOneShotConnections(location);
                direct.getConnection().close();
            } catch (SQLException | RuntimeException e) {
                if (direct != null) {
                    direct.close();
                }
                throw translate("connect to " + location, e);
            }
            this.pool = direct;
            this.poolCloser = direct;
            return;
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(location.jdbcUrl());
        config.setUsername(location.user());
        if (location.password() != null) {
            config.setPassword(location.password());
        }
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setPoolName("feedback-postgres");
        // a request during an outage waits this long for a connection, then gets a StorageException (503)
        config.setConnectionTimeout(3_000);
        config.setValidationTimeout(1_000);
        config.setInitializationFailTimeout(1);
        DRIVER_DEFAULTS.forEach(config::addDataSourceProperty); // the URL's own settings win over these
        HikariDataSource hikari;
        try {
            hikari = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw translate("connect to " + location, e);
        }
        this.pool = hikari;
        this.poolCloser = hikari;
    }

    DataSource dataSource() {
        return pool;
    }

    PostgresLocation location() {
        return location;
    }

    Connection borrow() throws SQLException {
        return pool.getConnection();
    }

    /**
     * Takes {@code turn} for the rest of the caller's transaction: {@link #WRITE_LOCK} (shared, or exclusive
     * for {@link Turn#EXCLUSIVE}), the announcement ({@link #ANNOUNCED}), and for {@link Turn#CHANGES}
     * {@link #CHANGE_LOCK}. Nothing for {@link Turn#NONE}.
     */
    static void takeTurn(Connection c, Turn turn) throws SQLException {
        if (turn.sql != null) {
            try (Statement st = c.createStatement()) {
                st.execute(turn.sql);
            }
        }
    }

    /** True for failures of the connection or the server (worth a retry on a fresh connection). */
    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                        || state.equals("40001") || state.equals("40P01")) {
                    return true;
                }
            }
            if (t instanceof ConnectException || t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return e instanceof SQLException s && s.getMessage() != null && s.getMessage().contains("Connection is not available");
    }

    /**
     * The product's error for a failure of {@code what}: one line naming the cause. Bad input
     * (a text PostgreSQL cannot store) is {@link InvalidInputException}; the rest {@link StorageException}.
     */
    RuntimeException failure(String what, Throwable e) {
        return translate(what, e);
    }

    RuntimeException translate(String what, Throwable e) {
        if (e instanceof dev.feedbackloop.FeedbackLoopException f) {
            return f;
        }
        String where = location.host() + ":" + location.port();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                switch (state) {
                    case "28P01":
                        return new StorageException("wrong password for user " + location.user() + " on PostgreSQL at "
                                + where + " (the password comes from the URL, else PGPASSWORD, else ~/.pgpass)", e);
                    case "28000":
                        return new StorageException("PostgreSQL at " + where + " refused user " + location.user() + ": "
                                + firstLine(s.getMessage()), e);
                    case "3D000":
                        return new StorageException("database " + location.database() + " does not exist on PostgreSQL at "
                                + where + ": create it (createdb " + location.database() + ") or fix the URL", e);
                    case "08004":
                        return new StorageException("PostgreSQL at " + where + " refused the connection: "
                                + firstLine(s.getMessage()) + " (give the password in the URL, PGPASSWORD or ~/.pgpass)", e);
                    case "22021", "22P05":
                        return new InvalidInputException(what + ": PostgreSQL cannot store this text ("
                                + firstLine(s.getMessage()) + "); the NUL character is not allowed in texts");
                    case "53100":
                        return new dev.feedbackloop.storage.DiskFullException(what + ": the PostgreSQL server's disk is full"
                                + " (nothing was stored)", e);
                    default:
                        break;
                }
            }
            if (t instanceof UnknownHostException) {
                return new StorageException("cannot reach PostgreSQL: unknown host " + location.host(), e);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new StorageException("cannot reach PostgreSQL at " + where + ": " + firstLine(t.getMessage()), e);
            }
        }
        if (isTransient(e)) {
            return new StorageException(what + ": PostgreSQL at " + where + " is unavailable ("
                    + firstLine(e.getMessage()) + ")", e);
        }
        return new StorageException(what + " failed on " + location + ": " + firstLine(e.getMessage()), e);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    @Override
    public void close() {
        try {
            poolCloser.close();
        } catch (Exception e) {
            // the connections are gone either way; the server ends their sessions
        }
    }

    private static final int FETCH_SIZE = 5_000;

    /** Streams the rows of {@code sql} in one read transaction, {@link #FETCH_SIZE} at a time. */
    void stream(String what, String sql, PgFilter f, PostgresFeedbackStore.SqlRow row) {
        stream(what, sql, f, row, false);
    }

    /**
     * As {@link #stream}, with the values of the types the driver can read in PostgreSQL's binary
     * format sent in it (numbers, booleans, times, arrays): cheaper to send and to read than text
     * for many rows. The statement is prepared on the server from its first run, which binary
     * results need, unless the location's URL sets {@code prepareThreshold} itself (the same values
     * then arrive as text).
     */
    void streamBinary(String what, String sql, PgFilter f, PostgresFeedbackStore.SqlRow row) {
        stream(what, sql, f, row, true);
    }

    private void stream(String what, String sql, PgFilter f, PostgresFeedbackStore.SqlRow row, boolean binary) {
        transaction(what, Turn.NONE, c -> {
            try (PreparedStatement ps = PgRows.prepare(c, sql, f.array())) {
                if (binary && !urlSetsPrepareThreshold) {
                    ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
                }
                ps.setFetchSize(FETCH_SIZE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        row.accept(rs);
                    }
                }
            }
            return null;
        });
    }

    /**
     * Runs {@code work} in one transaction, taking {@code turn} first. A connection failure is retried
     * once on a fresh connection, unless the pool itself had none to give (the database is down: no
     * point waiting twice).
     */
    <T> T transaction(String what, Turn turn, PostgresFeedbackStore.SqlWork<T> work) {
        for (int attempt = 0; ; attempt++) {
            try (Connection c = borrow()) {
                c.setAutoCommit(false);
                try {
                    takeTurn(c, turn);
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c);
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt > 0 || !isTransient(e) || e instanceof SQLTransientConnectionException) {
                    throw failure(what, e);
                }
                sleep(100);
            }
        }
    }

    static void rollbackQuietly(Connection c) {
        try {
            if (!c.isClosed()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it and the server rolls back
        }
    }

    static void closeQuietly(Connection c) {
        if (c != null) {
            rollbackQuietly(c);
            try {
                c.close();
            } catch (SQLException ignored) {
                // as above
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for the database");
        }
    }
}
