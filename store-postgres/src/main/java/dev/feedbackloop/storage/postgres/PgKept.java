package dev.feedbackloop.storage.postgres;

import dev.feedbackloop.ConflictException;
import dev.feedbackloop.access.ApiKey;
import dev.feedbackloop.access.KeyScope;
import dev.feedbackloop.capture.RatedOutput;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.storage.DataVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything kept beside the feedback: {@code pattern_cache}, {@code reports}, {@code settings},
 * {@code outputs} and {@code api_keys}. One statement per method, in the caller's transaction.
 */
final class PgKept {
    private PgKept() {
    }

    static Optional<String> cached(Connection c, String key, DataVersion version) throws SQLException {
        return PgRows.text(c, "SELECT analysis_data FROM pattern_cache WHERE cache_key = ? AND data_version = ?",
                key, version.token());
    }

    static void putCache(Connection c, String key, DataVersion version, String json, Instant now) throws SQLException {
        PgRows.update(c, "INSERT INTO pattern_cache (cache_key, analysis_data, data_version, created_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (cache_key) DO UPDATE SET analysis_data = excluded.analysis_data,"
                + " data_version = excluded.data_version, created_at = excluded.created_at", key, json, version.token(), now);
    }

    static void dropCache(Connection c, String key) throws SQLException {
        PgRows.update(c, "DELETE FROM pattern_cache WHERE cache_key = ?", key);
    }

    static Optional<String> savedReport(Connection c, String period) throws SQLException {
        return PgRows.text(c, "SELECT report_data FROM reports WHERE period = ? ORDER BY id DESC LIMIT 1", period);
    }

    static void saveReport(Connection c, String period, Instant start, Instant end, String json, Instant now)
            throws SQLException {
        PgRows.update(c, "INSERT INTO reports (period, report_data, start_date, end_date, created_at)"
                + " VALUES (?, ?, ?, ?, ?)", period, json, start, end, now);
    }

    static Optional<String> setting(Connection c, String name) throws SQLException {
        return PgRows.text(c, "SELECT value FROM settings WHERE name = ?", name);
    }

    /** Stores {@code value} unless one is there; the stored value. */
    static String settingIfAbsent(Connection c, String name, String value) throws SQLException {
        PgRows.update(c, "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", name, value);
        return setting(c, name).orElseThrow();
    }

    /** @throws ConflictException when the output id is kept with other content */
    static void keepOutput(Connection c, RatedOutput kept) throws SQLException {
        int added = PgRows.update(c, "INSERT INTO outputs (output_id, prompt, output, context, created_at)"
                + " VALUES (?, ?, ?, ?::json, ?) ON CONFLICT (output_id) DO NOTHING",
                kept.outputId(), kept.prompt(), kept.output(), Json.write(kept.context()), kept.createdAt());
        if (added == 0 && !output(c, kept.outputId()).orElseThrow().sameContentAs(kept)) {
            throw new ConflictException("output_id '" + kept.outputId()
                    + "' is kept with another prompt, output or context; give this output its own id");
        }
    }

    @SuppressWarnings("unchecked")
    static Optional<RatedOutput> output(Connection c, String outputId) throws SQLException {
        try (PreparedStatement ps = PgRows.prepare(c,
                "SELECT prompt, output, context::text, created_at FROM outputs WHERE output_id = ?", outputId);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new RatedOutput(outputId, rs.getString(1), rs.getString(2),
                    (Map<String, Object>) Json.parse(rs.getString(3)), instant(rs, 4))) : Optional.empty();
        }
    }

    /** @throws ConflictException when the name is taken (revoked keys keep their names) */
    static void addKey(Connection c, ApiKey key) throws SQLException {
        int added = PgRows.update(c, "INSERT INTO api_keys (name, scope, key_hash, origins, created_at)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING",
                key.name(), key.scope().label(), key.hash(), Json.write(key.origins()), key.created());
        if (added == 0) {
            throw new ConflictException("a key named '" + key.name() + "' exists already (revoked keys keep"
                    + " their names): choose another name");
        }
    }

    static List<ApiKey> keys(Connection c) throws SQLException {
        List<ApiKey> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name, scope, key_hash, origins, created_at, revoked_at FROM api_keys ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<String> origins = new ArrayList<>();
                for (Object o : (List<?>) Json.parse(rs.getString(4))) {
                    origins.add((String) o);
                }
                keys.add(new ApiKey(rs.getString(1), KeyScope.parse(rs.getString(2)), rs.getString(3), origins,
                        instant(rs, 5), instant(rs, 6)));
            }
        }
        return keys;
    }

    static boolean revokeKey(Connection c, String name, Instant at) throws SQLException {
        return PgRows.update(c, "UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", at, name) == 1;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
