package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.access.SignIn;
import dev.feedbackloop.internal.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The {@code sessions} table (dashboard sign-ins): one statement per method, inside the store's transactions. */
final class SqliteSessions {
    private SqliteSessions() {
    }

    static void add(Connection c, SignIn s) throws SQLException {
        try (PreparedStatement expired = c.prepareStatement("DELETE FROM sessions WHERE expires_at <= ?")) {
            expired.setString(1, Timestamps.format(s.created()));
            expired.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sessions (id_hash, key_name, created_at,"
                + " last_used_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, s.idHash());
            ps.setString(2, s.keyName());
            ps.setString(3, Timestamps.format(s.created()));
            ps.setString(4, Timestamps.format(s.lastUsed()));
            ps.setString(5, Timestamps.format(s.expires()));
            ps.executeUpdate();
        }
    }

    static Optional<SignIn> find(Connection c, String idHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT key_name, created_at, last_used_at, expires_at"
                + " FROM sessions WHERE id_hash = ?")) {
            ps.setString(1, idHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SignIn(idHash, rs.getString(1), Timestamps.parse(rs.getString(2)),
                        Timestamps.parse(rs.getString(3)), Timestamps.parse(rs.getString(4))));
            }
        }
    }

    static void touch(Connection c, String idHash, Instant lastUsed, Instant expires) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE sessions SET last_used_at = ?, expires_at = ? WHERE id_hash = ?")) {
            ps.setString(1, Timestamps.format(lastUsed));
            ps.setString(2, Timestamps.format(expires));
            ps.setString(3, idHash);
            ps.executeUpdate();
        }
    }

    static void end(Connection c, String idHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE id_hash = ?")) {
            ps.setString(1, idHash);
            ps.executeUpdate();
        }
    }

    static void endOf(Connection c, String keyName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE key_name = ?")) {
            ps.setString(1, keyName);
            ps.executeUpdate();
        }
    }
}
