package dev.feedbackloop.storage.postgres;

import dev.feedbackloop.capture.Outcome;
import dev.feedbackloop.storage.AnalysisRow;
import dev.feedbackloop.storage.EntryText;
import dev.feedbackloop.storage.FeedbackQuery;
import dev.feedbackloop.storage.OutcomeRow;
import dev.feedbackloop.storage.Statistics;
import dev.feedbackloop.storage.StatisticsBuilder;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The reads analyses make of the {@code feedback} table on PostgreSQL: statistics of a range, the narrow
 * rows a window scan streams (decoded from PostgreSQL's binary format), prompts by id and the router's
 * outcomes. One query per method, each in a read transaction of {@link PgConnections}.
 */
final class PgReads {
    /**
     * The analysis columns, read in the binary format ({@link PgConnections#streamBinary}): the time
     * and tags as stored, which PostgreSQL sends without formatting them as text.
     */
    private static final String SCAN = "SELECT id, timestamp, rating, thumbs_up,"
            + " framework, model, task_type, prompt_features, prompt_chars, tags, task_class FROM feedback";
    private static final String MICROS = "(extract(epoch FROM timestamp) * 1000000)::bigint";

    private final PgConnections connections;

    PgReads(PgConnections connections) {
        this.connections = connections;
    }

    Statistics statistics(Instant from, Instant to) {
        PgFilter f = PgFilter.of(FeedbackQuery.between(from, to));
        StatisticsBuilder b = new StatisticsBuilder();
        connections.stream("compute statistics", "SELECT rating, thumbs_up, count(*) FROM feedback" + f.where()
                + " GROUP BY rating, thumbs_up", f, rs -> b.add(rs.getInt(1), rs.getBoolean(2), rs.getLong(3)));
        return b.build();
    }

    void scan(Instant from, Instant to, Consumer<AnalysisRow> action) {
        PgFilter f = PgFilter.of(FeedbackQuery.between(from, to));
        scanRows("scan feedback", SCAN + f.where() + " ORDER BY timestamp", f, action);
    }

    void scanAdded(Instant from, Instant to, long afterId, long upToId, Consumer<AnalysisRow> action) {
        PgFilter f = PgFilter.of(FeedbackQuery.between(from, to)).and("id > ?", afterId).and("id <= ?", upToId);
        scanRows("scan new feedback", SCAN + f.where() + " ORDER BY id", f, action);
    }

    private void scanRows(String what, String sql, PgFilter f, Consumer<AnalysisRow> action) {
        Map<String, String> names = new HashMap<>();
        connections.streamBinary(what, sql, f, rs -> {
            List<String> t = tags(rs, 10, names);
            action.accept(new AnalysisRow(rs.getLong(1), instant(rs, 2),
                    rs.getInt(3), rs.getBoolean(4), name(names, rs.getString(5)), name(names, rs.getString(6)),
                    name(names, rs.getString(7)), rs.getInt(8), rs.getInt(9), t, name(names, rs.getString(11))));
        });
    }

    /**
     * The {@code text[]} of column {@code col}, each tag kept once ({@link #name}): in the binary format
     * (see {@link #instant}) read from its bytes (dimensions, then each element's length and UTF-8 bytes),
     * without the driver's array objects; in the text format, which starts with a brace, or with a null
     * element, through the driver.
     */
    private static List<String> tags(ResultSet rs, int col, Map<String, String> names) throws SQLException {
        byte[] raw = rs.getBytes(col);
        if (raw == null) {
            return List.of();
        }
        if (raw.length >= 12 && raw[0] == 0) {
            int dimensions = int4(raw, 0);
            if (dimensions == 0) {
                return List.of();
            }
            if (dimensions == 1 && raw.length >= 20) {
                int n = int4(raw, 12);
                String[] kept = new String[n];
                int at = 20;
                for (int i = 0; i < n && kept != null; i++) {
                    int length = int4(raw, at);
                    at += 4;
                    if (length < 0) {
                        kept = null;   // a null element: the driver's way
                    } else {
                        kept[i] = name(names, new String(raw, at, length, java.nio.charset.StandardCharsets.UTF_8));
                        at += length;
                    }
                }
                if (kept != null) {
                    return java.util.Arrays.asList(kept);
                }
            }
        }
        java.sql.Array array = rs.getArray(col);
        Object[] values = (Object[]) array.getArray();
        String[] kept = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            kept[i] = name(names, (String) values[i]);
        }
        return values.length == 0 ? List.of() : java.util.Arrays.asList(kept);
    }

    private static String name(Map<String, String> names, String s) {
        return s == null ? null : names.size() < 1 << 12 ? names.computeIfAbsent(s, k -> k) : s;
    }

    private static int int4(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    /** 2000-01-01T00:00:00Z, where PostgreSQL counts its binary timestamps from, in epoch seconds. */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;

    /**
     * The {@code timestamptz} of column {@code col}: in the binary format (a scan read through {@link
     * PgConnections#streamBinary}) its 8 bytes, microseconds since {@link #PG_EPOCH_SECONDS}, decoded
     * here without the driver's date-time objects (a time within 2,000 years of 2000 starts with 0x00 or
     * 0xff; others, and {@code infinity}, are left to the driver); in the text format, which is never 8
     * bytes long but for {@code infinity}, through the driver.
     */
    private static Instant instant(ResultSet rs, int col) throws SQLException {
        byte[] raw = rs.getBytes(col);
        if (raw != null && raw.length == 8 && (raw[0] == 0 || raw[0] == (byte) 0xff)) {
            long micros = 0;
            for (int i = 0; i < 8; i++) {
                micros = micros << 8 | (raw[i] & 0xff);
            }
            if (micros != Long.MAX_VALUE && micros != Long.MIN_VALUE) { // not +-infinity
                return Instant.ofEpochSecond(PG_EPOCH_SECONDS + Math.floorDiv(micros, 1_000_000L),
                        Math.floorMod(micros, 1_000_000L) * 1_000L);
            }
        }
        return rs.getObject(col, java.time.OffsetDateTime.class).toInstant();
    }

    List<EntryText> texts(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return new ArrayList<>();
        }
        Map<Long, EntryText> found = new HashMap<>();
        connections.stream("read prompts", "SELECT id, prompt, notes, rating, thumbs_up, coalesce(task_type, task_class) FROM feedback"
                        + " WHERE id = ANY(?)",
                PgFilter.values((Object) ids.toArray(new Long[0])),
                rs -> found.put(rs.getLong(1), new EntryText(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getInt(4), rs.getBoolean(5), rs.getString(6))));
        List<EntryText> out = new ArrayList<>(found.size());
        for (long id : ids) {
            EntryText t = found.get(id);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    void outcomesAfter(long afterId, long upToId, Consumer<OutcomeRow> action) {
        connections.stream("read outcomes", "SELECT id, " + MICROS + ", task_type, framework, rating, thumbs_up FROM feedback"
                        + " WHERE id > ? AND id <= ? AND task_type IS NOT NULL AND framework IS NOT NULL ORDER BY id",
                PgFilter.values(afterId, upToId),
                rs -> action.accept(new OutcomeRow(rs.getLong(1), PgRows.instant(rs.getLong(2)), rs.getString(3),
                        rs.getString(4), Outcome.of(rs.getInt(5), rs.getBoolean(6)) == Outcome.POSITIVE)));
    }
}
