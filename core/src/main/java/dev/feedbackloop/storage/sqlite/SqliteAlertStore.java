package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.ConflictException;
import dev.feedbackloop.alerts.Delivery;
import dev.feedbackloop.alerts.Destination;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.storage.AlertStore;
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

/** {@link AlertStore} in the SQLite file, through the store's transactions (one per method). */
final class SqliteAlertStore implements AlertStore {
    private static final String DELIVERY_COLUMNS = "delivery_key, event_key, destination, kind, payload, state, "
            + "attempts, next_at, created_at, updated_at, last_status, last_error";

    private final SqliteFeedbackStore store;

    SqliteAlertStore(SqliteFeedbackStore store) {
        this.store = store;
    }

    @Override
    public boolean saveAlert(String key, Instant raisedAt, String json) {
        return store.write("store alert " + key, c -> SqliteRows.update(c,
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
        store.write("store destination " + d.name(), c -> {
            if (SqliteRows.text(c, "SELECT name FROM alert_destinations WHERE name = ?", d.name()).isPresent()) {
                throw new ConflictException("a destination named " + d.name() + " exists; remove it first");
            }
            return SqliteRows.update(c, "INSERT INTO alert_destinations (name, type, target, secret, options, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", d.name(), d.type().id(), d.target(), d.secret(),
                    Json.write(d.options()), d.createdAt().toEpochMilli());
        });
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
                c -> SqliteRows.update(c, "DELETE FROM alert_destinations WHERE name = ?", name) == 1);
    }

    @Override
    public int enqueue(List<Delivery> deliveries) {
        return store.write("queue deliveries", c -> {
            int added = 0;
            for (Delivery d : deliveries) {
                added += SqliteRows.update(c, "INSERT INTO outbox (" + DELIVERY_COLUMNS + ") VALUES"
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
        return store.write("claim delivery " + seen.key(), c -> SqliteRows.update(c,
                "UPDATE outbox SET attempts = attempts + 1, next_at = ? WHERE delivery_key = ? AND state = 'pending'"
                        + " AND attempts = ? AND next_at = ?",
                until.toEpochMilli(), seen.key(), seen.attempts(), seen.nextAt().toEpochMilli()) == 1);
    }

    @Override
    public void settle(String key, Delivery.State state, Instant nextAt, String status, String error, Instant at) {
        store.write("record delivery " + key, c -> SqliteRows.update(c,
                "UPDATE outbox SET state = ?, next_at = ?, last_status = ?, last_error = ?, updated_at = ?"
                        + " WHERE delivery_key = ?",
                state.id(), nextAt.toEpochMilli(), status, error, at.toEpochMilli(), key));
    }

    @Override
    public List<Delivery> deliveries(int limit) {
        return store.read("read deliveries", c -> deliveries(c, "SELECT " + DELIVERY_COLUMNS
                + " FROM outbox ORDER BY created_at DESC, delivery_key LIMIT ?", limit));
    }

    @Override
    public boolean claimRun(String name, Instant slot, String holder, Instant now, Instant until) {
        return store.write("claim schedule " + name, c -> {
            SqliteRows.update(c, "INSERT INTO schedule_runs (name) VALUES (?) ON CONFLICT (name) DO NOTHING", name);
            return SqliteRows.update(c, "UPDATE schedule_runs SET holder = ?, lease_until = ? WHERE name = ?"
                    + " AND (done_slot IS NULL OR done_slot < ?)"
                    + " AND (lease_until IS NULL OR lease_until <= ? OR holder = ?)",
                    holder, until.toEpochMilli(), name, slot.toEpochMilli(), now.toEpochMilli(), holder) == 1;
        });
    }

    @Override
    public void finishRun(String name, Instant slot, String holder) {
        store.write("finish schedule " + name, c -> SqliteRows.update(c,
                "UPDATE schedule_runs SET done_slot = ?, holder = NULL, lease_until = NULL WHERE name = ? AND holder = ?",
                slot.toEpochMilli(), name, holder));
    }

    @Override
    public Optional<Instant> lastRun(String name) {
        return store.read("read schedule " + name, c -> SqliteRows.text(c,
                "SELECT done_slot FROM schedule_runs WHERE name = ? AND done_slot IS NOT NULL", name)
                .map(v -> Instant.ofEpochMilli(Long.parseLong(v))));
    }

    private static List<Delivery> deliveries(Connection c, String sql, Object... values) throws SQLException {
        List<Delivery> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
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
