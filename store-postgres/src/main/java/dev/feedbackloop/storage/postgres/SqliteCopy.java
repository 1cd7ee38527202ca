package dev.feedbackloop.storage.postgres;

import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.storage.EntryColumns;
import dev.feedbackloop.storage.StoreCopy;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * {@code feedback migrate}: every table of a SQLite database (at the current schema) into a
 * PostgreSQL one, row ids kept, in one transaction that holds the write lock. Each table goes
 * through COPY into a temporary table, then {@code INSERT ... ON CONFLICT DO NOTHING}, so a second
 * run adds nothing; a target that holds other rows under the same ids or feedback_ids is refused
 * and nothing is copied. The table list is the one place to extend when a migration adds a table.
 */
final class SqliteCopy {
    /** How a SQLite value becomes COPY text. */
    private enum Kind { TEXT, NUMBER, BOOL, TIME, TAGS }

    private record Column(String name, Kind kind) {
    }

    private record Table(String name, String key, List<Column> columns, String identity) {
    }

    private static Column t(String name) {
        return new Column(name, Kind.TEXT);
    }

    private static Column n(String name) {
        return new Column(name, Kind.NUMBER);
    }

    private static Column time(String name) {
        return new Column(name, Kind.TIME);
    }

    private static final List<Column> ENTRY = List.of(n("id"), t("feedback_id"), time("timestamp"), t("prompt"),
            t("output"), n("rating"), new Column("thumbs_up", Kind.BOOL), new Column("tags", Kind.TAGS), t("context"),
            t("notes"));

    private static List<Column> plus(List<Column> a, Column... b) {
        List<Column> out = new java.util.ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }

    /** Every table, parents of nothing first; {@code identity}: the column whose sequence follows the copied ids. */
    private static final List<Table> TABLES = List.of(
            new Table("feedback", "id", plus(ENTRY, t("framework"), t("model"), t("task_type"), n("prompt_features"),
                    n("prompt_chars"), t("output_id"), t("rater_id"), t("task_class")), "id"),
            new Table("feedback_history", "id", plus(ENTRY, t("output_id"), t("rater_id"), time("replaced_at"),
                    t("replaced_by")), null),
            new Table("changes", "seq", List.of(n("seq"), t("kind"), time("entry_timestamp"), time("at"),
                    time("last_timestamp"), n("entries")), "seq"),
            new Table("outputs", "output_id", List.of(t("output_id"), t("prompt"), t("output"), t("context"),
                    time("created_at")), null),
            new Table("settings", "name", List.of(t("name"), t("value")), null),
            new Table("pattern_cache", "id", List.of(n("id"), t("cache_key"), t("analysis_data"), time("created_at"),
                    t("data_version")), "id"),
            new Table("reports", "id", List.of(n("id"), t("period"), t("report_data"), time("created_at"),
                    time("start_date"), time("end_date")), "id"),
            new Table("api_keys", "id", List.of(n("id"), t("name"), t("scope"), t("key_hash"), t("origins"),
                    time("created_at"), time("revoked_at")), "id"),
            new Table("audit", "id", List.of(n("id"), time("at"), t("actor"), t("action"), t("detail"), n("affected")),
                    "id"),
            new Table("alerts", "alert_key", List.of(t("alert_key"), n("raised_at"), t("alert")), null),
            new Table("alert_destinations", "name", List.of(t("name"), t("type"), t("target"), t("secret"),
                    t("options"), n("created_at")), null),
            new Table("outbox", "delivery_key", List.of(t("delivery_key"), t("event_key"), t("destination"), t("kind"),
                    t("payload"), t("state"), n("attempts"), n("next_at"), n("created_at"), n("updated_at"),
                    t("last_status"), t("last_error")), null),
            new Table("schedule_runs", "name", List.of(t("name"), n("done_slot"), t("holder"), n("lease_until")), null),
            // dashboard sign-ins (hashes of session ids): people stay signed in across the move
            new Table("sessions", "id_hash", List.of(t("id_hash"), t("key_name"), time("created_at"),
                    time("last_used_at"), time("expires_at")), null));

    private SqliteCopy() {
    }

    static StoreCopy copy(Path sqliteFile, PgConnections target) {
        Map<String, Long> sourceRows = new LinkedHashMap<>();
        Map<String, Long> targetRows = new LinkedHashMap<>();
        Map<String, Long> added = new LinkedHashMap<>();
        try (Connection from = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile.toAbsolutePath().toUri()
                + "?mode=ro", sqliteProperties()); // a URI: '#', '?' and '%' in the name percent-encoded
             Connection to = target.borrow()) {
            to.setAutoCommit(false);
            from.setAutoCommit(false); // one read transaction: a consistent source
            try {
                PgConnections.takeTurn(to, PgConnections.Turn.EXCLUSIVE);
                try (Statement st = to.createStatement()) {
                    st.execute("SET LOCAL TimeZone = 'UTC'"); // SQLite's CURRENT_TIMESTAMP texts are UTC
                }
                CopyManager copy = to.unwrap(PGConnection.class).getCopyAPI();
                for (Table table : TABLES) {
                    long before = count(to, table.name());
                    sourceRows.put(table.name(), copyTable(from, to, copy, table));
                    long after = count(to, table.name());
                    targetRows.put(table.name(), after);
                    added.put(table.name(), after - before);
                }
                refuseOtherData(to);
                Map<String, Long> drawn = sqliteSequences(from);
                for (Table table : TABLES) {
                    if (table.identity() != null) {
                        try (Statement st = to.createStatement()) {
                            st.execute("SELECT setval(pg_get_serial_sequence('" + table.name() + "', '" + table.identity()
                                    + "'), greatest((SELECT max(" + table.identity() + ") FROM " + table.name()
                                    + "), " + drawn.getOrDefault(table.name(), 0L) + ", 1))");
                        }
                    }
                }
                to.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                to.rollback();
                throw e;
            }
        } catch (SQLException | IOException e) {
            throw target.failure("copy " + sqliteFile + " to " + target.location(), e);
        }
        return new StoreCopy(sqliteFile.toString(), target.location().display(), sourceRows, targetRows, added);
    }

    /** The ids SQLite drew per table (deleted rows' too), so that the target does not draw them again. */
    private static Map<String, Long> sqliteSequences(Connection from) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Statement st = from.createStatement(); ResultSet rs = st.executeQuery("SELECT name, seq FROM sqlite_sequence")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

        private static java.util.Properties sqliteProperties() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("open_mode", "1"); // read-only
        return p;
    }

    /** Copies one table; the rows it had in the source. */
    private static long copyTable(Connection from, Connection to, CopyManager copy, Table table)
            throws SQLException, IOException {
        String columns = String.join(", ", table.columns().stream().map(Column::name).toList());
        try (Statement st = to.createStatement()) {
            st.execute("CREATE TEMP TABLE copy_" + table.name() + " ON COMMIT DROP AS SELECT " + columns + " FROM "
                    + table.name() + " WITH NO DATA");
        }
        long rows = 0;
        StringBuilder b = new StringBuilder(1 << 20);
        try (Statement st = from.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + columns + " FROM " + table.name() + " ORDER BY " + table.key())) {
            while (rs.next()) {
                rows++;
                for (int i = 0; i < table.columns().size(); i++) {
                    if (i > 0) {
                        b.append('\t');
                    }
                    value(b, rs, i + 1, table.columns().get(i).kind());
                }
                b.append('\n');
                if (b.length() > 8 << 20) {
                    copy.copyIn("COPY copy_" + table.name() + " (" + columns + ") FROM STDIN", new StringReader(b.toString()));
                    b.setLength(0);
                }
            }
        }
        if (b.length() > 0) {
            copy.copyIn("COPY copy_" + table.name() + " (" + columns + ") FROM STDIN", new StringReader(b.toString()));
        }
        String select = String.join(", ", table.columns().stream()
                .map(c -> c.name().equals("created_at") && c.kind() == Kind.TIME ? "coalesce(created_at, now())" : c.name())
                .toList());
        try (Statement st = to.createStatement()) {
            st.executeUpdate("INSERT INTO " + table.name() + " (" + columns + ") OVERRIDING SYSTEM VALUE SELECT " + select
                    + " FROM copy_" + table.name() + " ORDER BY " + table.key() + " ON CONFLICT DO NOTHING");
        }
        return rows;
    }

    /** The same ids must name the same rows (feedback, API keys) on both sides; otherwise the target holds other data. */
    private static void refuseOtherData(Connection to) throws SQLException {
        long differing = PgRows.number(to, "SELECT count(*) FROM copy_feedback s JOIN feedback f"
                + " ON f.id = s.id OR f.feedback_id = s.feedback_id WHERE f.id <> s.id OR f.feedback_id <> s.feedback_id");
        if (differing > 0) {
            throw new InvalidInputException("the target database holds other feedback under the same ids ("
                    + differing + " rows): migrate into a new or empty database, or the one this file was copied to"
                    + " before (nothing was copied)");
        }
        // a key skipped here would stop working after the switch: same id or name must be the same key
        long keys = PgRows.number(to, "SELECT count(*) FROM copy_api_keys s JOIN api_keys k"
                + " ON k.id = s.id OR k.name = s.name WHERE k.id <> s.id OR k.name <> s.name OR k.key_hash <> s.key_hash");
        if (keys > 0) {
            throw new InvalidInputException("the target database holds other API keys under the same ids or names ("
                    + keys + " keys): migrate into a new or empty database, or the one this file was copied to"
                    + " before (nothing was copied)");
        }
    }

    private static void value(StringBuilder b, ResultSet rs, int column, Kind kind) throws SQLException {
        String v = rs.getString(column);
        if (v == null) {
            b.append("\\N");
            return;
        }
        switch (kind) {
            case BOOL -> b.append(rs.getInt(column) != 0 ? 't' : 'f');
            case TAGS -> escape(b, PgCopy.tags(EntryColumns.tags(v)));
            default -> escape(b, v);
        }
    }

    private static void escape(StringBuilder b, String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(ch);
            }
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        return PgRows.number(c, "SELECT count(*) FROM " + table);
    }
}
