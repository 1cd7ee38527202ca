package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.internal.Json;
import dev.feedbackloop.internal.Timestamps;
import dev.feedbackloop.lifecycle.AuditEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code audit} table, in the store's transactions. */
final class SqliteAudit {
    private SqliteAudit() {
    }

    static void add(Connection c, AuditEvent e) throws SQLException {
        SqliteRows.update(c, "INSERT INTO audit (at, actor, action, detail, affected) VALUES (?, ?, ?, ?, ?)",
                Timestamps.format(e.at()), e.actor(), e.action(), Json.write(new java.util.TreeMap<>(e.detail())),
                e.affected());
    }

    /** Events at or after {@code since} (null: all), newest first, at most {@code limit}. */
    @SuppressWarnings("unchecked")
    static List<AuditEvent> since(Connection c, Instant since, int limit) throws SQLException {
        List<AuditEvent> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, at, actor, action, detail, affected FROM audit"
                + " WHERE at >= ? ORDER BY id DESC LIMIT ?")) {
            ps.setString(1, since == null ? "" : Timestamps.format(since));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditEvent(rs.getLong(1), Timestamps.parse(rs.getString(2)), rs.getString(3),
                            rs.getString(4), (Map<String, Object>) Json.parse(rs.getString(5)), rs.getLong(6)));
                }
            }
        }
        return out;
    }
}
