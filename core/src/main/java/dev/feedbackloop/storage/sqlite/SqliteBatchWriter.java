package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.StorageException;
import dev.feedbackloop.storage.EntryRow;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.InsertResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** One IMMEDIATE transaction on a borrowed connection, with the insert statement kept prepared. */
final class SqliteBatchWriter implements BatchWriter {
    private final Connection connection;
    private final SqliteConnections pool;
    private PreparedStatement insert;
    private boolean done;

    SqliteBatchWriter(Connection connection, SqliteConnections pool) {
        this.connection = connection;
        this.pool = pool;
    }

    @Override
    public InsertResult add(EntryRow row) {
        try {
            if (insert == null) {
                insert = connection.prepareStatement(Inserter.INSERT);
            }
            return Inserter.insert(connection, insert, row);
        } catch (SQLException e) {
            throw SqliteConnections.translate("store feedback " + row.entry().feedbackId(), e);
        }
    }

    @Override
    public void commit() {
        try {
            connection.commit();
            done = true;
        } catch (SQLException e) {
            throw SqliteConnections.translate("commit", e);
        }
    }

    @Override
    public void close() {
        try {
            if (insert != null) {
                insert.close();
            }
            if (!done) {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new StorageException("rollback failed: " + e.getMessage(), e);
        } finally {
            pool.giveBack(connection);
        }
    }
}
