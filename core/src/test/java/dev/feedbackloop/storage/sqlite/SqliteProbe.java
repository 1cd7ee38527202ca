package dev.feedbackloop.storage.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/** Looks at a database file from outside, as another program would, without ever waiting for a lock. */
public final class SqliteProbe {
    private SqliteProbe() {
    }

    /** A new plain connection (none of the store's settings) that fails at once on a lock. */
    public static Connection noWait(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(0);
        return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
    }

    /** Whether another connection can read the feedback table right now; false when it is locked. */
    public static boolean canRead(Path file) {
        try (Connection c = noWait(file); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM feedback")) {
            return rs.next();
        } catch (SQLException e) {
            if (e.getMessage().contains("SQLITE_BUSY")) {
                return false;
            }
            throw new IllegalStateException(e);
        }
    }

    /** The first value of {@code PRAGMA name} (journal_mode, integrity_check...) read by a new connection. */
    public static String pragma(Path file, String name) throws SQLException {
        try (Connection c = noWait(file); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            return rs.getString(1);
        }
    }
}
