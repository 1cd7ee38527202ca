package dev.feedbackloop.storage.postgres;

import dev.feedbackloop.StorageException;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.storage.EntryColumns;
import dev.feedbackloop.storage.StoreCheck;
import dev.feedbackloop.storage.sqlite.SqliteBackups;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * {@code feedback backup} and {@code verify} on PostgreSQL.
 *
 * <p>A backup is the same file a SQLite backup is: a SQLite database of this product's schema, so it
 * is verified with {@code feedback verify --db FILE} and restored on either database. Every table is
 * read with {@code COPY (SELECT ...) TO STDOUT} in one {@code REPEATABLE READ READ ONLY}
 * transaction, so the file is consistent to one moment (the snapshot, taken by the transaction's
 * first statement) while captures go on: no lock is taken and no writer waits. Values arrive in
 * SQLite's form (timestamps as the fixed-width UTC text, booleans as 0/1, tags as a JSON array);
 * the tables and columns come from the new file's schema, so a table this version writes is never
 * left out. Identity sequences are carried into {@code sqlite_sequence}, so ids are not reused after
 * a restore. The file is written to a hidden sibling and linked into place ({@link SqliteBackups#backup}).
 */
final class PgBackups {
    /** Every table, in the order {@code verify} reports them (SQLite's order). */
    static final List<String> TABLES = List.of("feedback", "feedback_history", "changes", "outputs", "pattern_cache",
            "reports", "api_keys", "settings", "audit", "alerts", "alert_destinations", "outbox", "schedule_runs");

    private static final String TIME_FORMAT = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"'";
    private static final int BATCH = 1_000;

    private PgBackups() {
    }

    /** @return the entries in the backup */
    static long backup(PgConnections connections, Path target) {
        return SqliteBackups.backup(target, partial -> write(connections, partial));
    }

    private static void write(PgConnections connections, Path file) {
        try (SqliteFeedbackStore created = SqliteFeedbackStore.open(file)) {
            created.count(); // the schema at the current version, no rows
        }
        try (Connection to = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Connection from = connections.borrow()) {
            try (Statement st = to.createStatement()) {
                st.execute("PRAGMA journal_mode = DELETE"); // one self-contained file
                st.execute("PRAGMA synchronous = OFF"); // forced once at the end; a failed copy is deleted
            }
            to.setAutoCommit(false);
            from.setAutoCommit(false);
            try {
                try (Statement st = from.createStatement()) {
                    st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                }
                int version = PgMigrations.version(from); // the first query: the snapshot
                if (version != PgMigrations.LATEST) {
                    throw new StorageException("the database is at schema version " + version + ", this version writes "
                            + PgMigrations.LATEST + ": open it with the version that matches, then back it up");
                }
                for (String table : sqliteTables(to)) {
                    copyTable(from, to, table);
                }
                to.commit();
                from.commit();
            } catch (SQLException | RuntimeException e) {
                from.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw connections.failure("back up " + connections.location() + " to " + file, e);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException e) {
            throw new StorageException("cannot write the backup " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> sqliteTables(Connection sqlite) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = sqlite.createStatement(); ResultSet rs = st.executeQuery("SELECT name FROM sqlite_schema"
                + " WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'flyway_schema_history' ORDER BY name")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** A PostgreSQL column: its type and whether it is an identity column. */
    private record PgColumn(String type, boolean identity) {
    }

    private static void copyTable(Connection from, Connection to, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = to.prepareStatement("SELECT name FROM pragma_table_info(?) ORDER BY cid")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        Map<String, PgColumn> pg = pgColumns(from, table);
        List<String> select = new ArrayList<>();
        boolean[] json = new boolean[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i);
            PgColumn column = pg.get(name);
            if (column == null) {
                throw new StorageException("cannot back up: the PostgreSQL table " + table
                        + (pg.isEmpty() ? " is missing" : " lacks the column " + name));
            }
            json[i] = column.type().equals("ARRAY");
            select.add(expression('"' + name + '"', column.type()));
        }
        String names = String.join(", ", columns.stream().map(c -> '"' + c + '"').toList());
        String params = String.join(", ", java.util.Collections.nCopies(columns.size(), "?"));
        CopyOut copy = from.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT " + String.join(", ", select)
                + " FROM " + table + " ORDER BY 1) TO STDOUT");
        try (PreparedStatement insert = to.prepareStatement("INSERT INTO \"" + table + "\" (" + names + ") VALUES ("
                + params + ")")) {
            int pending = 0;
            byte[] row;
            while ((row = copy.readFromCopy()) != null) {
                List<String> fields = CopyText.fields(new String(row, StandardCharsets.UTF_8));
                for (int i = 0; i < fields.size(); i++) {
                    String v = fields.get(i);
                    insert.setString(i + 1, v != null && json[i] ? Json.write(EntryColumns.tags(v)) : v);
                }
                insert.addBatch();
                if (++pending == BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        for (Map.Entry<String, PgColumn> c : pg.entrySet()) {
            if (c.getValue().identity()) {
                carrySequence(from, to, table, c.getKey());
            }
        }
    }

    /** A column as SQLite stores it. */
    private static String expression(String column, String type) {
        return switch (type) {
            case "timestamp with time zone" -> "to_char(" + column + " AT TIME ZONE 'UTC', " + TIME_FORMAT + ")";
            case "boolean" -> column + "::int";
            case "ARRAY" -> "array_to_json(" + column + ")::text";
            case "json", "jsonb" -> column + "::text";
            default -> column;
        };
    }

    private static Map<String, PgColumn> pgColumns(Connection c, String table) throws SQLException {
        Map<String, PgColumn> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type, is_identity FROM"
                + " information_schema.columns WHERE table_schema = current_schema() AND table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new PgColumn(rs.getString(2), "YES".equals(rs.getString(3))));
                }
            }
        }
        return out;
    }

    /** Ids drawn but not kept (deleted rows, rolled back inserts) stay used in the copy. */
    private static void carrySequence(Connection from, Connection to, String table, String column) throws SQLException {
        long last = PgRows.number(from, "SELECT coalesce(pg_sequence_last_value(pg_get_serial_sequence(?, ?)::regclass), 0)",
                table, column);
        if (last <= 0) {
            return;
        }
        try (PreparedStatement ps = to.prepareStatement("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?")) {
            ps.setLong(1, last);
            ps.setString(2, table);
            if (ps.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement ps = to.prepareStatement("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)")) {
            ps.setString(1, table);
            ps.setLong(2, last);
            ps.executeUpdate();
        }
    }

    /**
     * Schema version, rows per table, orphaned votes, and the integrity check of {@link PgIntegrity}.
     * Runs in the caller's transaction.
     */
    static StoreCheck verify(Connection c) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            rows.put(table, PgRows.number(c, "SELECT count(*) FROM " + table));
        }
        long orphaned = PgRows.number(c, "SELECT count(*) FROM feedback_history h WHERE NOT EXISTS"
                + " (SELECT 1 FROM feedback f WHERE f.output_id = h.output_id AND f.rater_id = h.rater_id)");
        PgIntegrity.Result integrity = PgIntegrity.check(c, TABLES);
        return new StoreCheck(integrity.problems(), PgMigrations.version(c), PgMigrations.LATEST, rows, orphaned,
                integrity.checked());
    }
}
