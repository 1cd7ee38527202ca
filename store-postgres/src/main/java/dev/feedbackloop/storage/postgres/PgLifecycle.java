package dev.feedbackloop.storage.postgres;

import dev.feedbackloop.internal.Json;
import dev.feedbackloop.lifecycle.AuditEvent;
import dev.feedbackloop.lifecycle.Deletion;
import dev.feedbackloop.lifecycle.DeletionFilter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data lifecycle on PostgreSQL, in the caller's transaction (as SQLite's SqliteDeletions and
 * SqliteAudit): deletion by filter, the change spans it logs, and the {@code audit} table. A
 * deletion runs in a transaction that holds the changes turn ({@link PgConnections.Turn}), so the
 * change numbers it draws become visible in order, like every other removal of feedback rows.
 */
final class PgLifecycle {
    /** The changes after a sequence number, oldest first: first and last entry time in microseconds. */
    static final String SPANS = "SELECT (extract(epoch FROM entry_timestamp) * 1000000)::bigint,"
            + " (extract(epoch FROM coalesce(last_timestamp, entry_timestamp)) * 1000000)::bigint"
            + " FROM changes WHERE seq > ? ORDER BY seq";

    /**
     * {@link PostgresFeedbackStore#vacuum()}: a new file for each table that holds what people typed
     * (entries, replaced votes, kept outputs, saved reports, cached analyses quoting phrases), with its
     * TOAST table and indexes, and fresh planner statistics.
     */
    static final String VACUUM = "VACUUM (FULL, ANALYZE) feedback, feedback_history, outputs, reports, pattern_cache";

    private PgLifecycle() {
    }

    /**
     * Deletes (or, for a dry run, counts) what {@code filter} matches: entries, with one change span
     * per UTC day they lived on; replaced votes; kept outputs older than an age-only cut-off; saved
     * reports that counted a deleted entry. Writes no audit row (the caller does, in the same transaction).
     */
    static Deletion delete(Connection c, DeletionFilter filter, Instant at, boolean dryRun) throws SQLException {
        PgFilter entries = filterOf(filter);
        long count;
        Instant oldest;
        Instant newest;
        try (PreparedStatement ps = PgRows.prepare(c, "SELECT count(*), min(timestamp), max(timestamp) FROM feedback"
                + entries.where(), entries.array()); ResultSet rs = ps.executeQuery()) {
            rs.next();
            count = rs.getLong(1);
            oldest = instant(rs, 2);
            newest = instant(rs, 3);
        }
        long votes = PgRows.number(c, "SELECT count(*) FROM feedback_history" + entries.where(), entries.array());
        Instant cutoff = filter.ageOnly() ? filter.where().until() : null;
        long outputs = cutoff == null ? 0 : PgRows.number(c, "SELECT count(*) FROM outputs WHERE created_at < ?", cutoff);
        List<Long> reports = count == 0 ? List.of() : reportsCounting(c, oldest, newest, entries);
        if (dryRun) {
            return new Deletion(count, votes, outputs, reports.size(), oldest, newest, true);
        }
        if (count > 0) {
            List<Object> values = new ArrayList<>(entries.values());
            values.add(0, at);
            PgRows.update(c, "INSERT INTO changes (kind, entry_timestamp, last_timestamp, entries, at)"
                    + " SELECT 'deleted', min(timestamp), max(timestamp), count(*), ? FROM feedback" + entries.where()
                    + " GROUP BY (timestamp AT TIME ZONE 'UTC')::date ORDER BY 2", values.toArray());
            PgRows.update(c, "DELETE FROM feedback" + entries.where(), entries.array());
            if (!reports.isEmpty()) {
                PgRows.update(c, "DELETE FROM reports WHERE id = ANY(?)", (Object) reports.toArray(new Long[0]));
            }
        }
        if (votes > 0) {
            PgRows.update(c, "DELETE FROM feedback_history" + entries.where(), entries.array());
        }
        if (outputs > 0) {
            PgRows.update(c, "DELETE FROM outputs WHERE created_at < ?", cutoff);
        }
        return new Deletion(count, votes, outputs, reports.size(), oldest, newest, false);
    }

    /** The filter over feedback or feedback_history (the same columns). */
    private static PgFilter filterOf(DeletionFilter filter) {
        PgFilter f = PgFilter.of(filter.where());
        if (filter.feedbackId() != null) {
            f = f.and("feedback_id = ?", filter.feedbackId());
        }
        if (filter.raterId() != null) {
            f = f.and("rater_id = ?", filter.raterId());
        }
        return f;
    }

    /**
     * Saved reports whose period, or the period before it (a report compares with it), holds an
     * entry the filter deletes.
     */
    private static List<Long> reportsCounting(Connection c, Instant oldest, Instant newest, PgFilter entries)
            throws SQLException {
        List<Object[]> periods = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, start_date, end_date FROM reports"
                + " WHERE start_date IS NOT NULL AND end_date IS NOT NULL"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Instant start = instant(rs, 2);
                Instant end = instant(rs, 3);
                Instant from = start.minus(Duration.between(start, end));
                if (!from.isAfter(newest) && end.isAfter(oldest)) {
                    periods.add(new Object[] {rs.getLong(1), from, end});
                }
            }
        }
        List<Long> hit = new ArrayList<>();
        for (Object[] p : periods) {
            PgFilter inPeriod = entries.and("timestamp >= ?", p[1]).and("timestamp < ?", p[2]);
            try (PreparedStatement ps = PgRows.prepare(c, "SELECT EXISTS (SELECT 1 FROM feedback" + inPeriod.where() + ")",
                    inPeriod.array()); ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getBoolean(1)) {
                    hit.add((Long) p[0]);
                }
            }
        }
        return hit;
    }

    static void audit(Connection c, AuditEvent e) throws SQLException {
        PgRows.update(c, "INSERT INTO audit (at, actor, action, detail, affected) VALUES (?, ?, ?, ?::json, ?)",
                e.at(), e.actor(), e.action(), Json.write(new TreeMap<>(e.detail())), e.affected());
    }

    /** Events at or after {@code since} (null: all), newest first, at most {@code limit}. */
    @SuppressWarnings("unchecked")
    static List<AuditEvent> auditTrail(Connection c, Instant since, int limit) throws SQLException {
        List<AuditEvent> out = new ArrayList<>();
        PgFilter f = (since == null ? PgFilter.NONE : PgFilter.NONE.and("at >= ?", since));
        try (PreparedStatement ps = PgRows.prepare(c, "SELECT id, at, actor, action, detail::text, affected FROM audit"
                + f.where() + " ORDER BY id DESC LIMIT " + Math.max(0, limit), f.array())) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditEvent(rs.getLong(1), instant(rs, 2), rs.getString(3), rs.getString(4),
                            (Map<String, Object>) Json.parse(rs.getString(5)), rs.getLong(6)));
                }
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
