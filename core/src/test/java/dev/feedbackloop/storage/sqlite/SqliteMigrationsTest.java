package dev.feedbackloop.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.FeedbackQuery;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new database gets its schema without Flyway: the same one Flyway's migrations build. */
class SqliteMigrationsTest {
    @TempDir
    Path dir;

    @Test
    void newDatabaseGetsTheSchemaTheMigrationsBuild() throws Exception {
        Path direct = dir.resolve("direct.db");
        SqliteFeedbackStore.open(direct).close();
        Path migrated = viaFlyway(dir.resolve("migrated.db"));

        assertThat(hasTable(direct, "flyway_schema_history")).isFalse();
        assertThat(hasTable(migrated, "flyway_schema_history")).isTrue();
        assertThat(structure(direct)).isEqualTo(structure(migrated));
        assertThat(SqliteProbe.pragma(direct, "user_version")).isEqualTo(String.valueOf(SqliteMigrations.LATEST));
        assertThat(SqliteProbe.pragma(direct, "journal_mode")).isEqualTo("wal");
        assertThat(SqliteProbe.pragma(direct, "page_size")).isEqualTo(String.valueOf(SqliteConnections.PAGE_SIZE));
    }

    @Test
    void laterUpgradeOfADirectlyCreatedDatabaseStartsAtItsVersion() throws Exception {
        Path db = dir.resolve("direct.db");
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(db)) {
            store.insert(FeedbackEntry.builder("Explain DNS", "It maps names to addresses.", 5).thumbsUp(true).build());
        }
        Map<String, List<String>> before = structure(db);
        // what a future migration run does on this file: Flyway baselines it at user_version and has
        // nothing to apply (re-running V1 and V2 would fail on the existing columns)
        try (SqliteConnections connections = new SqliteConnections(db, false)) {
            SqliteMigrations.upgrade(connections, SqliteMigrations.LATEST);
        }
        assertThat(structure(db)).containsAllEntriesOf(before);
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(db)) {
            assertThat(store.find(FeedbackQuery.ALL)).extracting(FeedbackEntry::prompt).containsExactly("Explain DNS");
        }
    }

    @Test
    void aDatabaseWithTablesIsNotTreatedAsNew() throws Exception {
        Path db = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE unrelated (x)");
            assertThat(SqliteMigrations.createIfEmpty(c)).isFalse();
            assertThat(tables(c)).containsExactly("unrelated");
        }
    }

    /** A database brought to the latest version the long way: Flyway's V1 script, then its V2. */
    private static Path viaFlyway(Path db) throws SQLException {
        SqliteFiles.prepare(db);
        try (SqliteConnections connections = new SqliteConnections(db, false)) {
            SqliteMigrations.upgrade(connections, 0);
        }
        return db;
    }

    /** Every table's columns and every index's columns and definition, Flyway's own table left out. */
    private static Map<String, List<String>> structure(Path db) throws SQLException {
        Map<String, List<String>> s = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            List<String[]> objects = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_schema"
                    + " WHERE tbl_name NOT LIKE 'flyway%'")) {
                while (rs.next()) {
                    objects.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
            for (String[] o : objects) {
                List<String> rows = rows(st, o[0].equals("table") ? "PRAGMA table_xinfo(" + o[1] + ")"
                        : "PRAGMA index_xinfo(" + o[1] + ")");
                if (o[0].equals("index")) {
                    rows.add("on " + o[2] + ": " + o[3]);
                }
                s.put(o[0] + " " + o[1], rows);
            }
        }
        return s;
    }

    private static List<String> rows(Statement st, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.append(md.getColumnName(i)).append('=').append(rs.getString(i)).append(' ');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private static boolean hasTable(Path db, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            return tables(c).contains(table);
        }
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
