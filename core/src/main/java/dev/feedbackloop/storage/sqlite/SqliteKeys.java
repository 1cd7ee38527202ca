package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.ConflictException;
import dev.feedbackloop.access.ApiKey;
import dev.feedbackloop.access.KeyScope;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.internal.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code api_keys} table: one statement per method, run inside the store's transactions. */
final class SqliteKeys {
    private SqliteKeys() {
    }

    /** @throws ConflictException when the name is taken */
    static void add(Connection c, ApiKey key) throws SQLException {
        try (PreparedStatement taken = c.prepareStatement("SELECT 1 FROM api_keys WHERE name = ?")) {
            taken.setString(1, key.name());
            try (ResultSet rs = taken.executeQuery()) {
                if (rs.next()) {
                    throw new ConflictException("a key named '" + key.name() + "' exists already (revoked keys keep"
                            + " their names): choose another name");
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO api_keys (name, scope, key_hash, origins, created_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, key.name());
            ps.setString(2, key.scope().label());
            ps.setString(3, key.hash());
            ps.setString(4, Json.write(key.origins()));
            ps.setString(5, Timestamps.format(key.created()));
            ps.executeUpdate();
        }
    }

    static List<ApiKey> all(Connection c) throws SQLException {
        List<ApiKey> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name, scope, key_hash, origins, created_at, revoked_at FROM api_keys ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<String> origins = new ArrayList<>();
                for (Object o : (List<?>) Json.parse(rs.getString(4))) {
                    origins.add((String) o);
                }
                String revoked = rs.getString(6);
                keys.add(new ApiKey(rs.getString(1), KeyScope.parse(rs.getString(2)), rs.getString(3), origins,
                        Timestamps.parse(rs.getString(5)), revoked == null ? null : Timestamps.parse(revoked)));
            }
        }
        return keys;
    }

    static boolean revoke(Connection c, String name, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL")) {
            ps.setString(1, Timestamps.format(at));
            ps.setString(2, name);
            return ps.executeUpdate() == 1;
        }
    }
}
