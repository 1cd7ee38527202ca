package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.storage.IncompatibleSchemaException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tables and columns this version reads and writes (schema version {@link SqliteMigrations#LATEST}).
 * A database that claims to be current but lacks one (dropped by hand, or written by another program
 * under the same table names) is reported once, clearly, when it is opened, instead of failing every
 * later command with an SQL error. One query; nothing is changed.
 */
final class SqliteSchema {
    static final Map<String, List<String>> TABLES = Map.ofEntries(
            Map.entry("feedback", List.of("id", "feedback_id", "timestamp", "prompt", "output", "rating", "thumbs_up", "tags",
                    "context", "notes", "framework", "model", "task_type", "prompt_features", "prompt_chars",
                    "output_id", "rater_id", "task_class")),
            Map.entry("feedback_history", List.of("id", "feedback_id", "timestamp", "prompt", "output", "rating", "thumbs_up",
                    "tags", "context", "notes", "output_id", "rater_id", "replaced_at", "replaced_by")),
            Map.entry("changes", List.of("seq", "kind", "entry_timestamp", "at", "last_timestamp", "entries")),
            Map.entry("audit", List.of("id", "at", "actor", "action", "detail", "affected")),
            Map.entry("settings", List.of("name", "value")),
            Map.entry("outputs", List.of("output_id", "prompt", "output", "context", "created_at")),
            Map.entry("pattern_cache", List.of("id", "cache_key", "analysis_data", "created_at", "data_version")),
            Map.entry("reports", List.of("id", "period", "report_data", "created_at", "start_date", "end_date")),
            Map.entry("api_keys", List.of("id", "name", "scope", "key_hash", "origins", "created_at", "revoked_at")),
            Map.entry("alerts", List.of("alert_key", "raised_at", "alert")),
            Map.entry("alert_destinations", List.of("name", "type", "target", "secret", "options", "created_at")),
            Map.entry("outbox", List.of("delivery_key", "event_key", "destination", "kind", "payload", "state", "attempts",
                    "next_at", "created_at", "updated_at", "last_status", "last_error")),
            Map.entry("schedule_runs", List.of("name", "done_slot", "holder", "lease_until")),
            Map.entry("sessions", List.of("id_hash", "key_name", "created_at", "last_used_at", "expires_at")));

    private SqliteSchema() {
    }

    /** @throws IncompatibleSchemaException naming every missing table and column */
    static void verify(Connection c, Path file) throws SQLException {
        Map<String, Set<String>> found = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p"
                     + " WHERE m.type = 'table' AND m.name IN (" + String.join(", ",
                             TABLES.keySet().stream().map(t -> "'" + t + "'").toList()) + ")")) {
            while (rs.next()) {
                found.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).add(rs.getString(2).toLowerCase());
            }
        }
        List<String> problems = new ArrayList<>();
        for (String table : new java.util.TreeSet<>(TABLES.keySet())) {
            Set<String> columns = found.get(table);
            if (columns == null) {
                problems.add("table " + table + " is missing");
                continue;
            }
            List<String> missing = new ArrayList<>(TABLES.get(table));
            missing.removeAll(columns);
            if (!missing.isEmpty()) {
                problems.add("table " + table + " lacks column" + (missing.size() > 1 ? "s " : " ")
                        + String.join(", ", missing));
            }
        }
        if (!problems.isEmpty()) {
            throw new IncompatibleSchemaException(file + " does not have the schema this version needs (version "
                    + SqliteMigrations.LATEST + "): " + String.join("; ", problems) + ". It was left as it is: restore it "
                    + "from a backup, or point --db (or FEEDBACK_DB) at another file.");
        }
    }
}
