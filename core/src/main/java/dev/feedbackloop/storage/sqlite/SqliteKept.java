package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.ConflictException;
import dev.feedbackloop.capture.RatedOutput;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.internal.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/** The {@code outputs} kept for feedback tokens and the {@code settings}, in the store's transactions. */
final class SqliteKept {
    private SqliteKept() {
    }

    /** @throws ConflictException when the output id is kept with other content */
    static void keepOutput(Connection c, RatedOutput kept) throws SQLException {
        Optional<RatedOutput> stored = output(c, kept.outputId());
        if (stored.isPresent()) {
            if (!stored.get().sameContentAs(kept)) {
                throw new ConflictException("output_id '" + kept.outputId()
                        + "' is kept with another prompt, output or context; give this output its own id");
            }
            return;
        }
        SqliteRows.update(c, "INSERT INTO outputs (output_id, prompt, output, context, created_at) VALUES (?, ?, ?, ?, ?)",
                kept.outputId(), kept.prompt(), kept.output(), Json.write(kept.context()),
                Timestamps.format(kept.createdAt()));
    }

    @SuppressWarnings("unchecked")
    static Optional<RatedOutput> output(Connection c, String outputId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT prompt, output, context, created_at FROM outputs WHERE output_id = ?")) {
            ps.setString(1, outputId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new RatedOutput(outputId, rs.getString(1), rs.getString(2),
                        (Map<String, Object>) Json.parse(rs.getString(3)), Timestamps.parse(rs.getString(4))))
                        : Optional.empty();
            }
        }
    }

    static Optional<String> setting(Connection c, String name) throws SQLException {
        return SqliteRows.text(c, "SELECT value FROM settings WHERE name = ?", name);
    }

    /** Stores {@code value} unless one is there; the stored value. */
    static void putSetting(Connection c, String name, String value) throws SQLException {
        SqliteRows.update(c, "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE"
                + " SET value = excluded.value", name, value);
    }

    static String settingIfAbsent(Connection c, String name, String value) throws SQLException {
        SqliteRows.update(c, "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", name, value);
        return setting(c, name).orElseThrow();
    }
}
