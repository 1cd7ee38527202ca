package dev.feedbackloop.storage.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code feedback verify}'s integrity check on PostgreSQL, through the amcheck extension when the
 * database has it: {@code bt_index_check(index, heapallindexed => true)} on every B-tree index of
 * the product's tables (the index is consistent, and every row of the table is in it) and
 * {@code verify_heapam} on every table (pages and tuples are readable and consistent). Both take
 * only the locks a reader takes, so captures go on. The extension is never created here (that
 * needs a superuser): without it, or without the right to run its functions, nothing is checked
 * and {@link Result#checked} says so and how to enable it.
 */
final class PgIntegrity {
    /** The problems found (empty when sound or not checked), and what was checked, in words. */
    record Result(List<String> problems, String checked) {
    }

    private PgIntegrity() {
    }

    static Result check(Connection c, List<String> tables) throws SQLException {
        if (PgRows.text(c, "SELECT extversion FROM pg_extension WHERE extname = 'amcheck'").isEmpty()) {
            return new Result(List.of(), "not checked: the amcheck extension is not installed in this database"
                    + " (a superuser enables it: CREATE EXTENSION amcheck)");
        }
        List<String> problems = new ArrayList<>();
        List<String> indexes = indexes(c, tables);
        try {
            for (String index : indexes) {
                // returns void (an empty text): only its errors are findings
                run(c, problems, "index " + index, "SELECT NULL FROM bt_index_check(?::regclass, true)", index);
            }
            boolean heap = PgRows.number(c, "SELECT count(*) FROM pg_proc WHERE proname = 'verify_heapam'") > 0;
            if (heap) {
                for (String table : tables) {
                    run(c, problems, "table " + table, "SELECT blkno || '/' || offnum || ': ' || msg FROM verify_heapam(?::regclass)",
                            table);
                }
            }
            return new Result(problems, "amcheck: " + indexes.size() + " B-tree indexes (with every row of their tables)"
                    + (heap ? " and " + tables.size() + " tables (verify_heapam)" : ""));
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                return new Result(List.of(), "not checked: this user may not run amcheck's functions (GRANT EXECUTE ON"
                        + " FUNCTION bt_index_check(regclass, boolean), verify_heapam TO it)");
            }
            throw e;
        }
    }

    private static List<String> indexes(Connection c, List<String> tables) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT i.relname FROM pg_index x"
                + " JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
                + " JOIN pg_am a ON a.oid = i.relam WHERE a.amname = 'btree' AND t.relname = ANY (?)"
                + " AND t.relnamespace = current_schema()::regnamespace ORDER BY t.relname, i.relname")) {
            ps.setArray(1, c.createArrayOf("text", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * Runs one check under a savepoint: corruption it reports (rows, or an error of class XX) is a
     * problem, not a failure of verify; a missing privilege is thrown for {@link #check}.
     */
    private static void run(Connection c, List<String> problems, String what, String sql, String name)
            throws SQLException {
        Savepoint sp = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String msg = rs.getString(1);
                    if (msg != null) {
                        problems.add(what + ": " + msg);
                    }
                }
            }
            c.releaseSavepoint(sp);
        } catch (SQLException e) {
            c.rollback(sp);
            if (e.getSQLState() == null || !e.getSQLState().startsWith("XX")) {
                throw e;
            }
            problems.add(what + ": " + e.getMessage());
        }
    }
}
