package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.StorageException;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.EntryRow;
import dev.feedbackloop.storage.InsertResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

/**
 * One write transaction on a borrowed connection, with its statements kept prepared: IMMEDIATE on a
 * pooled WAL connection, or EXCLUSIVE on a connection that holds the file alone
 * ({@link SqliteConnections#exclusive()}, bulk loads). While it runs, the connection's page cache is
 * enlarged ({@link #CACHE_KIB}): a bulk import then keeps the indexes it updates at random
 * (feedback_id) in memory instead of writing and re-reading them.
 */
final class SqliteBatchWriter implements BatchWriter {
    /** Page cache of a batch, KiB (connections otherwise use {@link SqliteConnections#CACHE_KIB}). */
    static final int CACHE_KIB = 262_144;

    private final Connection connection;
    private final SqliteConnections pool;
    private PreparedStatement insert;
    private PreparedStatement byId;
    private final boolean exclusive;
    private final Clock clock;
    private boolean done;

    /**
     * Takes over {@code connection}, on which a transaction was just begun; gives it back on close
     * (an {@code exclusive} one, from {@link SqliteConnections#exclusive()}, is ended instead). Votes
     * replaced meanwhile leave at {@code clock}'s time.
     */
    SqliteBatchWriter(Connection connection, SqliteConnections pool, boolean exclusive, Clock clock) throws SQLException {
        this.connection = connection;
        this.pool = pool;
        this.exclusive = exclusive;
        this.clock = clock;
        cacheSize(CACHE_KIB);
    }

    @Override
    public InsertResult add(EntryRow row) {
        try {
            return Inserter.unlessConflict(Inserter.insertAll(insert(), byId(), List.of(row), clock.instant()).get(0), row.entry());
        } catch (SQLException e) {
            throw pool.failure("store feedback " + row.entry().feedbackId(), e);
        }
    }

    @Override
    public List<InsertResult> addAll(List<EntryRow> rows) {
        try {
            return Inserter.insertAll(insert(), byId(), rows, clock.instant());
        } catch (SQLException e) {
            throw pool.failure("store " + rows.size() + " feedback entries", e);
        }
    }

    private PreparedStatement insert() throws SQLException {
        if (insert == null) {
            insert = connection.prepareStatement(Inserter.INSERT);
        }
        return insert;
    }

    private PreparedStatement byId() throws SQLException {
        if (byId == null) {
            byId = connection.prepareStatement(Inserter.BY_ID);
        }
        return byId;
    }

    @Override
    public void commit() {
        try {
            SqliteConnections.commit(connection);
            done = true;
        } catch (SQLException e) {
            throw pool.failure("commit", e);
        }
    }

    @Override
    public void close() {
        try {
            for (PreparedStatement ps : new PreparedStatement[] {insert, byId}) {
                if (ps != null) {
                    ps.close();
                }
            }
            if (exclusive) {
                return;
            }
            if (!done) {
                SqliteConnections.rollbackQuietly(connection);
            }
            if (!connection.isClosed()) {
                cacheSize(SqliteConnections.CACHE_KIB);
            }
        } catch (SQLException e) {
            throw new StorageException("ending the write transaction failed: " + e.getMessage(), e);
        } finally {
            if (exclusive) {
                pool.endExclusive(connection);
            } else {
                pool.giveBack(connection);
            }
        }
    }

    private void cacheSize(int kib) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("PRAGMA cache_size = -" + kib);
        }
    }
}
