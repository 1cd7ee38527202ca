package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.capture.Outcome;
import dev.feedbackloop.internal.Timestamps;
import dev.feedbackloop.storage.AnalysisRow;
import dev.feedbackloop.storage.EntryColumns;
import dev.feedbackloop.storage.EntryText;
import dev.feedbackloop.storage.FeedbackQuery;
import dev.feedbackloop.storage.OutcomeRow;
import dev.feedbackloop.storage.Statistics;
import dev.feedbackloop.storage.StatisticsBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * The reads of the {@code feedback} table: entries, counts, the narrow rows analyses scan, prompts by
 * id and the router's outcomes. One query per method, inside the store's read transactions.
 */
final class SqliteReads {
    private SqliteReads() {
    }

    /** The entries matching {@code q} in {@code order} (an ORDER BY clause), its limit applied. */
    static void entries(Connection c, FeedbackQuery q, String order, Consumer<FeedbackEntry> action)
            throws SQLException {
        SqlFilter f = SqlFilter.of(q);
        String sql = "SELECT " + EntryColumns.SELECT_COLUMNS + " FROM feedback" + f.where() + " ORDER BY " + order
                + (q.limit() != null ? " LIMIT " + q.limit() : "");
        each(c, f, sql, rs -> action.accept(EntryColumns.read(rs)));
    }

    static long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM feedback");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Statistics statistics(Connection c, Instant from, Instant to) throws SQLException {
        SqlFilter f = SqlFilter.of(FeedbackQuery.between(from, to));
        String sql = "SELECT rating, thumbs_up, count(*) FROM feedback" + f.where() + " GROUP BY rating, thumbs_up";
        StatisticsBuilder b = new StatisticsBuilder();
        each(c, f, sql, rs -> b.add(rs.getInt(1), rs.getBoolean(2), rs.getLong(3)));
        return b.build();
    }

    /** The rows of [from, to) in time order, through the window index. */
    static void scan(Connection c, Instant from, Instant to, Consumer<AnalysisRow> action) throws SQLException {
        SqlFilter f = SqlFilter.of(FeedbackQuery.between(from, to));
        scanRows(c, f, "SELECT " + ScanRows.COLUMNS + " FROM feedback INDEXED BY idx_feedback_window" + f.where()
                + " ORDER BY timestamp", action);
    }

    /** The rows of [from, to) with an id above {@code afterId}, in id order. */
    static void scanAdded(Connection c, Instant from, Instant to, long afterId, long upToId,
            Consumer<AnalysisRow> action) throws SQLException {
        SqlFilter f = SqlFilter.of(FeedbackQuery.between(from, to)).and("id > ?", afterId).and("id <= ?", upToId);
        scanRows(c, f, "SELECT " + ScanRows.COLUMNS + " FROM feedback NOT INDEXED" + f.where() + " ORDER BY id",
                action);
    }

    private static void scanRows(Connection c, SqlFilter f, String sql, Consumer<AnalysisRow> action)
            throws SQLException {
        ScanRows rows = new ScanRows(c);
        each(c, f, sql, rs -> action.accept(rows.read(rs)));
    }

    /** The texts of the rows with these ids that exist, in the order of {@code ids}. */
    static void texts(Connection c, Collection<Long> ids, List<EntryText> out) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, prompt, notes, rating, thumbs_up, coalesce(task_type, task_class) FROM feedback"
                        + " WHERE id = ?")) {
            for (long id : ids) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        out.add(new EntryText(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                                rs.getBoolean(5), rs.getString(6)));
                    }
                }
            }
        }
    }

    /** The attributed rows (task type and framework) with an id above {@code afterId}, in id order. */
    static void outcomesAfter(Connection c, long afterId, long upToId, Consumer<OutcomeRow> action)
            throws SQLException {
        // from the start, the partial index holds exactly the attributed rows; after that, the new rows by id
        SqlFilter f = SqlFilter.NONE.and("id > ?", afterId).and("id <= ?", upToId);
        String sql = "SELECT id, timestamp, task_type, framework, rating, thumbs_up FROM feedback"
                + (afterId <= 0 ? " INDEXED BY idx_feedback_attributed" : "") + f.where()
                + " AND task_type IS NOT NULL AND framework IS NOT NULL ORDER BY id";
        each(c, f, sql, rs -> action.accept(new OutcomeRow(rs.getLong(1), Timestamps.parse(rs.getString(2)),
                rs.getString(3), rs.getString(4), Outcome.of(rs.getInt(5), rs.getBoolean(6)) == Outcome.POSITIVE)));
    }

    /** Runs {@code sql} with the filter's parameters and hands each row to {@code row}. */
    private static void each(Connection c, SqlFilter f, String sql, SqlRow row) throws SQLException {
        try (PreparedStatement ps = f.prepare(c, sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                row.accept(rs);
            }
        }
    }

    @FunctionalInterface
    private interface SqlRow {
        void accept(ResultSet rs) throws SQLException;
    }
}
