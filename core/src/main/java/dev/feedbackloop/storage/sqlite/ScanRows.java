package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.internal.Timestamps;
import dev.feedbackloop.storage.AnalysisRow;
import dev.feedbackloop.storage.EntryColumns;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the rows of a window scan with two column reads per row instead of ten: every JDBC column
 * read crosses into native code and costs more than decoding, so SQLite packs the numbers into one
 * integer (row ids up to 2^35) and the texts into one string, fields separated by U+001F (tags are a
 * JSON array, which escapes control characters; a name holding U+001F sends its row to a plain read).
 * Timestamps go through {@link Timestamps#parse}'s fast path for the stored form; repeated names and
 * tag arrays are decoded once. One instance per scan;
 * not thread-safe.
 */
final class ScanRows {
    /**
     * Bits 0-2 rating, 3 thumbs up, 4-11 prompt features, 12-28 prompt length (capped), 29-63 row id;
     * then the texts: timestamp, framework, model, task type, task class, tags.
     */
    static final String COLUMNS = "(id << 29) | (min(prompt_chars, 131071) << 12) | ((prompt_features & 255) << 4)"
            + " | (thumbs_up << 3) | rating, timestamp || char(31) || coalesce(framework, '') || char(31)"
            + " || coalesce(model, '') || char(31) || coalesce(task_type, '') || char(31)"
            + " || coalesce(task_class, '') || char(31) || coalesce(tags, '')";
    /** Plain columns, for the rare row whose names contain the separator. */
    static final String PLAIN = "SELECT id, timestamp, rating, thumbs_up, framework, model, task_type, prompt_features,"
            + " prompt_chars, tags, task_class FROM feedback WHERE id = ?";
    private static final byte SEPARATOR = 0x1f;

    static {
        if (dev.feedbackloop.capture.PromptFeature.values().length > 8) {
            throw new AssertionError("prompt features no longer fit the 8 bits packed by ScanRows.COLUMNS");
        }
    }

    private final RegionCache<String> names = new RegionCache<>(1 << 10, s -> s);
    private final RegionCache<List<String>> tags = new RegionCache<>(1 << 17, this::parseTags);
    /** One instance per distinct tag, so that map lookups downstream compare by identity. */
    private final Map<String, String> tagNames = new HashMap<>();
    private final Connection connection;

    ScanRows(Connection connection) {
        this.connection = connection;
    }

    /** Decodes the current row of a query selecting {@link #COLUMNS}. */
    AnalysisRow read(ResultSet rs) throws SQLException {
        long packed = rs.getLong(1);
        byte[] text = rs.getBytes(2);
        long id = packed >>> 29;
        int timeEnd = next(text, 0);
        int frameworkEnd = next(text, timeEnd + 1);
        int modelEnd = next(text, frameworkEnd + 1);
        int taskEnd = next(text, modelEnd + 1);
        int classEnd = taskEnd < 0 ? -1 : next(text, taskEnd + 1);
        if (timeEnd < 0 || frameworkEnd < 0 || modelEnd < 0 || taskEnd < 0 || classEnd < 0
                || next(text, classEnd + 1) >= 0) {
            return readPlain(id);
        }
        return new AnalysisRow(id, instant(text, timeEnd), (int) (packed & 7), (packed & 8) != 0,
                name(text, timeEnd + 1, frameworkEnd), name(text, frameworkEnd + 1, modelEnd),
                name(text, modelEnd + 1, taskEnd), (int) ((packed >>> 4) & 255), (int) ((packed >>> 12) & 131071),
                classEnd + 1 == text.length ? List.of() : tags.get(text, classEnd + 1, text.length),
                name(text, taskEnd + 1, classEnd));
    }

    /** Index of the next separator at or after {@code from}; -1 when none. */
    private static int next(byte[] text, int from) {
        for (int i = from; i < text.length; i++) {
            if (text[i] == SEPARATOR) {
                return i;
            }
        }
        return -1;
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
                        rs.getInt(9), EntryColumns.tags(rs.getString(10)), rs.getString(11));
            }
        }
    }

    private String name(byte[] text, int from, int to) {
        return from == to ? null : names.get(text, from, to);
    }

    private List<String> parseTags(String json) {
        List<String> parsed = EntryColumns.tags(json);
        String[] shared = new String[parsed.size()];
        for (int i = 0; i < shared.length; i++) {
            shared[i] = tagNames.size() < 1 << 16 ? tagNames.computeIfAbsent(parsed.get(i), t -> t) : parsed.get(i);
        }
        return List.of(shared);
    }

    /** {@code text[0, end)} (ASCII, the stored form) as an instant. */
    static Instant instant(byte[] text, int end) {
        return Timestamps.parse(new String(text, 0, end, StandardCharsets.UTF_8));
    }
}
