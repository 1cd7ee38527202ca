package dev.feedbackloop.storage;

import dev.feedbackloop.ConflictException;
import dev.feedbackloop.alerts.Delivery;
import dev.feedbackloop.alerts.Destination;
import dev.feedbackloop.internal.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one {@link AlertStore} of both databases: its SQL (and the V6 migrations of SQLite and
 * PostgreSQL) is written so that both accept it. It runs each method in one transaction of the store
 * that owns it ({@link Transactions}). Correct with several processes sharing a server database:
 * claims are compare-and-set UPDATEs (a second claimer of the same row, under PostgreSQL's READ
 * COMMITTED, waits for the first to commit, re-reads the row, no longer matches and changes nothing),
 * and inserts of a key that may exist are {@code ON CONFLICT DO NOTHING}, never read-then-insert.
 */
public final class JdbcAlertStore implements AlertStore {
    private static final String DELIVERY_COLUMNS = "delivery_key, event_key, destination, kind, payload, state, "
            + "attempts, next_at, created_at, updated_at, last_status, last_error";

    /** Work on one connection, inside a transaction the store opened. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * How the owning store runs work in one transaction, committed when {@code work} returns and
     * rolled back when it throws; failures come out as the store's exceptions. {@code what} names the
     * work for messages.
     */
    public interface Transactions {
        <T> T read(String what, Work<T> work);

        <T> T write(String what, Work<T> work);
    }

    private final Transactions store;

    public JdbcAlertStore(Transactions store) {
        this.store = store;
    }

    @Override
    public boolean saveAlert(String key, Instant raisedAt, String json) {
        return store.write("store alert " + key, c -> update(c,
                "INSERT INTO alerts (alert_key, raised_at, alert) VALUES (?, ?, ?) ON CONFLICT (alert_key) DO NOTHING",
                key, raisedAt.toEpochMilli(), json) == 1);
    }

    @Override
    public List<String> alerts(int limit) {
        return store.read("read alerts", c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT alert FROM alerts ORDER BY raised_at DESC, alert_key LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void addDestination(Destination d) {
        int added = store.write("store destination " + d.name(), c -> update(c,
                "INSERT INTO alert_destinations (name, type, target, secret, options, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING", d.name(), d.type().id(),
                d.target(), d.secret(), Json.write(d.options()), d.createdAt().toEpochMilli()));
        if (added == 0) {
            throw new ConflictException("a destination named " + d.name() + " exists; remove it first");
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Destination> destinations() {
        return store.read("read destinations", c -> {
            List<Destination> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, type, target, secret, options, created_at"
                    + " FROM alert_destinations ORDER BY created_at, name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> options = new LinkedHashMap<>();
                    ((Map<String, Object>) Json.parse(rs.getString(5))).forEach((k, v) -> options.put(k, String.valueOf(v)));
                    out.add(new Destination(rs.getString(1), Destination.Type.parse(rs.getString(2)), rs.getString(3),
                            rs.getString(4), options, Instant.ofEpochMilli(rs.getLong(6))));
                }
            }
            return out;
        });
    }

    @Override
    public boolean removeDestination(String name) {
        return store.write("remove destination " + name,
                c -> update(c, "DELETE FROM alert_destinations WHERE name = ?", name) == 1);
    }

    @Override
    public int enqueue(List<Delivery> deliveries) {
        return store.write("queue deliveries", c -> {
            int added = 0;
            for (Delivery d : deliveries) {
                added += update(c, "INSERT INTO outbox (" + DELIVERY_COLUMNS + ") VALUES"
                        + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (delivery_key) DO NOTHING",
                        d.key(), d.eventKey(), d.destination(), d.kind(), d.payload(), d.state().id(), d.attempts(),
                        d.nextAt().toEpochMilli(), d.createdAt().toEpochMilli(), d.updatedAt().toEpochMilli(),
                        d.lastStatus(), d.lastError());
            }
            return added;
        });
    }

    @Override
    public List<Delivery> due(Instant now, int limit) {
        return store.read("read due deliveries", c -> deliveries(c, "SELECT " + DELIVERY_COLUMNS
                + " FROM outbox WHERE state = 'pending' AND next_at <= ? ORDER BY next_at, delivery_key LIMIT ?",
                now.toEpochMilli(), limit));
    }

    @Override
    public boolean claim(Delivery seen, Instant until) {
        return store.write("claim delivery " + seen.key(), c -> update(c,
                "UPDATE outbox SET attempts = attempts + 1, next_at = ? WHERE delivery_key = ? AND state = 'pending'"
                        + " AND attempts = ? AND next_at = ?",
                until.toEpochMilli(), seen.key(), seen.attempts(), seen.nextAt().toEpochMilli()) == 1);
    }

    @Override
    public void settle(String key, Delivery.State state, Instant nextAt, String status, String error, Instant at) {
        store.write("record delivery " + key, c -> update(c,
                "UPDATE outbox SET state = ?, next_at = ?, last_status = ?, last_error = ?, updated_at = ?"
                        + " WHERE delivery_key = ?",
                state.id(), nextAt.toEpochMilli(), status, error, at.toEpochMilli(), key));
    }

    @Override
    public List<Delivery> deliveries(int limit, Delivery.State state) {
        String where = state == null ? "" : " WHERE state = ?";
        Object[] args = state == null ? new Object[] {limit} : new Object[] {state.id(), limit};
        return store.read("read deliveries", c -> deliveries(c, "SELECT " + DELIVERY_COLUMNS + " FROM outbox" + where
                + " ORDER BY created_at DESC, delivery_key LIMIT ?", args));
    }

    @Override
    public boolean claimRun(String name, Instant slot, String holder, Instant now, Instant until) {
        return store.write("claim schedule " + name, c -> {
            update(c, "INSERT INTO schedule_runs (name) VALUES (?) ON CONFLICT (name) DO NOTHING", name);
            return update(c, "UPDATE schedule_runs SET holder = ?, lease_until = ? WHERE name = ?"
                    + " AND (done_slot IS NULL OR done_slot < ?)"
                    + " AND (lease_until IS NULL OR lease_until <= ? OR holder = ?)",
                    holder, until.toEpochMilli(), name, slot.toEpochMilli(), now.toEpochMilli(), holder) == 1;
        });
    }

    @Override
    public void finishRun(String name, Instant slot, String holder) {
        store.write("finish schedule " + name, c -> update(c,
                "UPDATE schedule_runs SET done_slot = ?, holder = NULL, lease_until = NULL WHERE name = ? AND holder = ?",
                slot.toEpochMilli(), name, holder));
    }

    @Override
    public Optional<Instant> lastRun(String name) {
        return store.read("read schedule " + name, c -> text(c,
                "SELECT done_slot FROM schedule_runs WHERE name = ? AND done_slot IS NOT NULL", name)
                .map(v -> Instant.ofEpochMilli(Long.parseLong(v))));
    }

    private static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, values)) {
            return ps.executeUpdate();
        }
    }

    private static Optional<String> text(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, values); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... values) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    ps.setNull(i + 1, java.sql.Types.VARCHAR);
                } else {
                    ps.setObject(i + 1, values[i]);
                }
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    private static List<Delivery> deliveries(Connection c, String sql, Object... values) throws SQLException {
        List<Delivery> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql, values)) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), Delivery.State.parse(rs.getString(6)), rs.getInt(7),
                            Instant.ofEpochMilli(rs.getLong(8)), Instant.ofEpochMilli(rs.getLong(9)),
                            Instant.ofEpochMilli(rs.getLong(10)), rs.getString(11), rs.getString(12)));
                }
            }
        }
        return out;
    }
}
