package dev.feedbackloop.storage.postgres;

import dev.feedbackloop.access.SignIn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The {@code sessions} table (dashboard sign-ins): one statement per method. */
final class PgSessions {
    private PgSessions() {
    }

    static void add(Connection c, SignIn s) throws SQLException {
        PgRows.update(c, "DELETE FROM sessions WHERE expires_at <= ?", s.created());
        PgRows.update(c, "INSERT INTO sessions (id_hash, key_name, created_at, last_used_at, expires_at)"
                + " VALUES (?, ?, ?, ?, ?)", s.idHash(), s.keyName(), s.created(), s.lastUsed(), s.expires());
    }

    static Optional<SignIn> find(Connection c, String idHash) throws SQLException {
        try (PreparedStatement ps = PgRows.prepare(c, "SELECT key_name, created_at, last_used_at, expires_at"
                + " FROM sessions WHERE id_hash = ?", idHash);
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new SignIn(idHash, rs.getString(1), rs.getTimestamp(2).toInstant(),
                    rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()));
        }
    }

    static void touch(Connection c, String idHash, Instant lastUsed, Instant expires) throws SQLException {
        PgRows.update(c, "UPDATE sessions SET last_used_at = ?, expires_at = ? WHERE id_hash = ?", lastUsed, expires, idHash);
    }

    static void end(Connection c, String idHash) throws SQLException {
        PgRows.update(c, "DELETE FROM sessions WHERE id_hash = ?", idHash);
    }

    static void endOf(Connection c, String keyName) throws SQLException {
        PgRows.update(c, "DELETE FROM sessions WHERE key_name = ?", keyName);
    }
}
