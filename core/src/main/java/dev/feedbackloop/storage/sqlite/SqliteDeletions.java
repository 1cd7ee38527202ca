package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.internal.Timestamps;
import dev.feedbackloop.lifecycle.Deletion;
import dev.feedbackloop.lifecycle.DeletionFilter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Deleting many entries in the caller's transaction. The change log gets one span per UTC day
 * touched (its first and last entry time and the count), not one row per entry: a purge of 500,000
 * entries over 180 days writes 180 change rows, and readers recount those days once.
 */
final class SqliteDeletions {
    private SqliteDeletions() {
    }

    static Deletion delete(Connection c, DeletionFilter filter, Instant at, boolean dryRun) throws SQLException {
        SqlFilter entries = filterOf(filter, "feedback");
        SqlFilter history = filterOf(filter, "feedback_history");
        long count;
        Instant oldest;
        Instant newest;
        try (PreparedStatement ps = entries.prepare(c, "SELECT count(*), min(timestamp), max(timestamp) FROM feedback"
                + entries.where()); ResultSet rs = ps.executeQuery()) {
            rs.next();
            count = rs.getLong(1);
            oldest = count == 0 ? null : Timestamps.parse(rs.getString(2));
            newest = count == 0 ? null : Timestamps.parse(rs.getString(3));
        }
        long votes = count(c, history, "SELECT count(*) FROM feedback_history" + history.where());
        String cutoff = filter.ageOnly() ? Timestamps.format(filter.where().until()) : null;
        long outputs = cutoff == null ? 0 : count(c, SqlFilter.NONE.and("created_at < ?", cutoff),
                "SELECT count(*) FROM outputs WHERE created_at < ?");
        List<Long> reports = count == 0 ? List.of() : reportsCounting(c, oldest, newest, entries);
        if (dryRun) {
            return new Deletion(count, votes, outputs, reports.size(), oldest, newest, true);
        }
        if (count > 0) {
            List<Object> params = new ArrayList<>(entries.params());
            params.add(0, Timestamps.format(at));
            try (PreparedStatement ps = new SqlFilter(entries.where(), params).prepare(c, "INSERT INTO changes (kind,"
                    + " entry_timestamp, last_timestamp, entries, at) SELECT 'deleted', min(timestamp), max(timestamp),"
                    + " count(*), ? FROM feedback" + entries.where() + " GROUP BY substr(timestamp, 1, 10) ORDER BY 2")) {
                ps.executeUpdate();
            }
            try (PreparedStatement ps = entries.prepare(c, "DELETE FROM feedback" + entries.where())) {
                ps.executeUpdate();
            }
            for (long id : reports) {
                SqliteRows.update(c, "DELETE FROM reports WHERE id = ?", id);
            }
        }
        if (votes > 0) {
            try (PreparedStatement ps = history.prepare(c, "DELETE FROM feedback_history" + history.where())) {
                ps.executeUpdate();
            }
        }
        if (outputs > 0) {
            SqliteRows.update(c, "DELETE FROM outputs WHERE created_at < ?", cutoff);
        }
        return new Deletion(count, votes, outputs, reports.size(), oldest, newest, false);
    }

    private static SqlFilter filterOf(DeletionFilter filter, String table) {
        SqlFilter f = SqlFilter.of(filter.where(), table);
        if (filter.feedbackId() != null) {
            f = f.and("feedback_id = ?", filter.feedbackId());
        }
        if (filter.raterId() != null) {
            f = f.and("rater_id = ?", filter.raterId());
        }
        return f;
    }

    private static long count(Connection c, SqlFilter f, String sql) throws SQLException {
        try (PreparedStatement ps = f.prepare(c, sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Saved reports whose period, or the period before it (a report compares with it), holds an
     * entry the filter deletes: the days of the deleted entries, one UTC day at a time.
     */
    private static List<Long> reportsCounting(Connection c, Instant oldest, Instant newest, SqlFilter entries)
            throws SQLException {
        List<long[]> periods = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, start_date, end_date FROM reports"
                + " WHERE start_date IS NOT NULL AND end_date IS NOT NULL"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Instant start = Timestamps.parse(rs.getString(2));
                Instant end = Timestamps.parse(rs.getString(3));
                Instant from = start.minus(Duration.between(start, end));
                if (from.isBefore(newest.plusNanos(1000)) && end.isAfter(oldest)) {
                    periods.add(new long[] {rs.getLong(1), from.toEpochMilli(), end.toEpochMilli()});
                }
            }
        }
        if (periods.isEmpty()) {
            return List.of();
        }
        List<Long> hit = new ArrayList<>();
        for (long[] p : periods) {
            SqlFilter inPeriod = entries.and("timestamp >= ?", Timestamps.format(Instant.ofEpochMilli(p[1])))
                    .and("timestamp < ?", Timestamps.format(Instant.ofEpochMilli(p[2])));
            if (count(c, inPeriod, "SELECT EXISTS (SELECT 1 FROM feedback" + inPeriod.where() + ")") > 0) {
                hit.add(p[0]);
            }
        }
        return hit;
    }
}
