package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.internal.Timestamps;
import dev.feedbackloop.storage.DataVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The {@code pattern_cache} and {@code reports} tables, in the store's transactions. */
final class SqliteCaches {
    private SqliteCaches() {
    }

    static Optional<String> cached(Connection c, String key, DataVersion version) throws SQLException {
        return SqliteRows.text(c, "SELECT analysis_data FROM pattern_cache WHERE cache_key = ? AND data_version = ?",
                key, version.token());
    }

    static void put(Connection c, String key, DataVersion version, String json, Instant now) throws SQLException {
        SqliteRows.update(c, "INSERT INTO pattern_cache (cache_key, analysis_data, data_version, created_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (cache_key) DO UPDATE SET analysis_data = excluded.analysis_data,"
                + " data_version = excluded.data_version, created_at = excluded.created_at",
                key, json, version.token(), Timestamps.format(now));
    }

    static void drop(Connection c, String key) throws SQLException {
        SqliteRows.update(c, "DELETE FROM pattern_cache WHERE cache_key = ?", key);
    }

    /** The latest report saved for {@code period}. */
    static Optional<String> savedReport(Connection c, String period) throws SQLException {
        return SqliteRows.text(c, "SELECT report_data FROM reports WHERE period = ? ORDER BY id DESC LIMIT 1", period);
    }

    static void saveReport(Connection c, String period, Instant start, Instant end, String json, Instant now)
            throws SQLException {
        SqliteRows.update(c, "INSERT INTO reports (period, report_data, start_date, end_date, created_at)"
                + " VALUES (?, ?, ?, ?, ?)", period, json, Timestamps.format(start), Timestamps.format(end),
                Timestamps.format(now));
    }
}
