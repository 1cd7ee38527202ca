package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.EntryColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One statement with bound values, in the caller's connection and transaction. */
final class SqliteRows {
    private SqliteRows() {
    }

    /** The text of the first column of the first row; empty when there is no row. */
    static Optional<String> text(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, values); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
    }

    /** Entries of a query that selects {@link EntryColumns#SELECT_COLUMNS}, in its order. */
    static List<FeedbackEntry> entries(Connection c, String sql, Object... values) throws SQLException {
        List<FeedbackEntry> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql, values); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(EntryColumns.read(rs));
            }
        }
        return out;
    }

    /** Runs an INSERT, UPDATE or DELETE; the rows it changed. */
    static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, values)) {
            return ps.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... values) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }
}
