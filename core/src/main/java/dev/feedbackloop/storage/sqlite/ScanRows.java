package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.internal.Timestamps;
import dev.feedbackloop.storage.AnalysisRow;
import dev.feedbackloop.storage.EntryColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Reads the rows of a window scan with two column reads per row instead of ten: every JDBC column
 * read crosses into native code and costs more than decoding, so SQLite packs the numbers into one
 * integer (row ids up to 2^35) and the texts into one string, fields separated by U+001F (tags are a
 * JSON array, which escapes control characters; a name holding U+001F sends its row to a plain read).
 * The fixed-width stored timestamp is parsed by hand (other shapes fall back to
 * {@link Timestamps#parse}); repeated names and tag arrays are decoded once. One instance per scan;
 * not thread-safe.
 */
final class ScanRows {
    /**
     * Bits 0-2 rating, 3 thumbs up, 4-11 prompt features, 12-28 prompt length (capped), 29-63 row id;
     * then the texts: timestamp, framework, model, task type, tags.
     */
    static final String COLUMNS = "(id << 29) | (min(prompt_chars, 131071) << 12) | ((prompt_features & 255) << 4)"
            + " | (thumbs_up << 3) | rating, timestamp || char(31) || coalesce(framework, '') || char(31)"
            + " || coalesce(model, '') || char(31) || coalesce(task_type, '') || char(31) || coalesce(tags, '')";
    /** Plain columns, for the rare row whose names contain the separator. */
    static final String PLAIN = "SELECT id, timestamp, rating, thumbs_up, framework, model, task_type, prompt_features,"
            + " prompt_chars, tags FROM feedback WHERE id = ?";
    private static final int MAX_CACHED = 1 << 16;
    private static final char SEPARATOR = '\u001f';

    private final RegionCache<String> names = new RegionCache<>(1 << 10, s -> s);
    private final RegionCache<List<String>> tags = new RegionCache<>(1 << 17, ScanRows::parseTags);
    private final Connection connection;

    ScanRows(Connection connection) {
        this.connection = connection;
    }

    /** Decodes the current row of a query selecting {@link #COLUMNS}. */
    AnalysisRow read(ResultSet rs) throws SQLException {
        long packed = rs.getLong(1);
        String text = rs.getString(2);
        long id = packed >>> 29;
        int timeEnd = text.indexOf(SEPARATOR);
        int frameworkEnd = text.indexOf(SEPARATOR, timeEnd + 1);
        int modelEnd = text.indexOf(SEPARATOR, frameworkEnd + 1);
        int taskEnd = text.indexOf(SEPARATOR, modelEnd + 1);
        if (timeEnd < 0 || frameworkEnd < 0 || modelEnd < 0 || taskEnd < 0
                || text.indexOf(SEPARATOR, taskEnd + 1) >= 0) {
            return readPlain(id);
        }
        return new AnalysisRow(id, instant(text, timeEnd), (int) (packed & 7), (packed & 8) != 0,
                name(text, timeEnd + 1, frameworkEnd), name(text, frameworkEnd + 1, modelEnd),
                name(text, modelEnd + 1, taskEnd), (int) ((packed >>> 4) & 255), (int) ((packed >>> 12) & 131071),
                taskEnd + 1 == text.length() ? List.of() : tags.get(text, taskEnd + 1, text.length()));
    }

    private AnalysisRow readPlain(long id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(PLAIN)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("row " + id + " vanished during a scan");
                }
                return new AnalysisRow(rs.getLong(1), Timestamps.parse(rs.getString(2)), rs.getInt(3),
                        rs.getBoolean(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8),
                        rs.getInt(9), EntryColumns.tags(rs.getString(10)));
            }
        }
    }

    private String name(String text, int from, int to) {
        return from == to ? null : names.get(text, from, to);
    }

    private static List<String> parseTags(String json) {
        return List.copyOf(EntryColumns.tags(json));
    }

    /**
     * {@code s[0, end)} as an instant: the stored form {@code 2026-11-27T14:37:25.123456+00:00} without a
     * parser, anything else through Timestamps.
     */
    static Instant instant(String s, int end) {
        if (end != 32 || !s.startsWith("+00:00", 26) || s.charAt(4) != '-' || s.charAt(10) != 'T'
                || s.charAt(19) != '.') {
            return Timestamps.parse(s.substring(0, end));
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int micros = digits(s, 20, 26);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59 || micros < 0) {
            return Timestamps.parse(s.substring(0, end));
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86400 + hour * 3600L + minute * 60L + second, micros * 1000L);
    }

    /** The decimal number in s[from, to), or -1 when a character is not a digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
