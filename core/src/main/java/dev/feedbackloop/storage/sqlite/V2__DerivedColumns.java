package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.capture.PromptFeature;
import dev.feedbackloop.internal.Timestamps;
import dev.feedbackloop.storage.EntryColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Upgrades the specification's schema in place, keeping every row:
 * <ul>
 *   <li>timestamps normalised to fixed-width UTC with an offset (naive ones, as the original
 *       Python tool wrote them, are read as local time), so text order is time order;</li>
 *   <li>derived columns (framework, model, task_type, prompt_features, prompt_chars) filled from
 *       context and prompt, and a covering index for window scans;</li>
 *   <li>pattern_cache / reports tables of another shape (from an older tool) kept under a
 *       {@code _legacy} name and replaced by ours.</li>
 * </ul>
 */
public class V2__DerivedColumns extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        apply(context.getConnection());
    }

    /** The migration on {@code c}, inside the caller's transaction; also used without Flyway on a new database. */
    static void apply(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE feedback ADD COLUMN framework TEXT");
            st.execute("ALTER TABLE feedback ADD COLUMN model TEXT");
            st.execute("ALTER TABLE feedback ADD COLUMN task_type TEXT");
            st.execute("ALTER TABLE feedback ADD COLUMN prompt_features INTEGER NOT NULL DEFAULT 0");
            st.execute("ALTER TABLE feedback ADD COLUMN prompt_chars INTEGER NOT NULL DEFAULT 0");
        }
        backfill(c);
        replaceIfForeign(c, "pattern_cache", Set.of("cache_key", "analysis_data"),
                "CREATE TABLE pattern_cache (id INTEGER PRIMARY KEY AUTOINCREMENT, cache_key TEXT UNIQUE NOT NULL,"
                        + " analysis_data TEXT NOT NULL, created_at DATETIME DEFAULT CURRENT_TIMESTAMP)");
        replaceIfForeign(c, "reports", Set.of("period", "report_data"),
                "CREATE TABLE reports (id INTEGER PRIMARY KEY AUTOINCREMENT, period TEXT NOT NULL,"
                        + " report_data TEXT NOT NULL, created_at DATETIME DEFAULT CURRENT_TIMESTAMP)");
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE pattern_cache ADD COLUMN data_version TEXT");
            st.execute("ALTER TABLE reports ADD COLUMN start_date TEXT");
            st.execute("ALTER TABLE reports ADD COLUMN end_date TEXT");
            st.execute("CREATE INDEX idx_feedback_window ON feedback(timestamp, rating, thumbs_up, framework, model,"
                    + " task_type, prompt_features, prompt_chars, tags)");
            st.execute("CREATE INDEX idx_feedback_attributed ON feedback(task_type, framework, timestamp, rating,"
                    + " thumbs_up) WHERE task_type IS NOT NULL AND framework IS NOT NULL");
        }
    }

    private static void backfill(Connection c) throws SQLException {
        String select = "SELECT id, timestamp, prompt, context FROM feedback WHERE id > ? ORDER BY id LIMIT 5000";
        String update = "UPDATE feedback SET timestamp = ?, framework = ?, model = ?, task_type = ?,"
                + " prompt_features = ?, prompt_chars = ? WHERE id = ?";
        long last = 0;
        try (PreparedStatement sel = c.prepareStatement(select); PreparedStatement upd = c.prepareStatement(update)) {
            while (true) {
                sel.setLong(1, last);
                int n = 0;
                try (ResultSet rs = sel.executeQuery()) {
                    while (rs.next()) {
                        n++;
                        last = rs.getLong(1);
                        String prompt = rs.getString(3);
                        Map<String, Object> ctx = EntryColumns.context(rs.getString(4));
                        upd.setString(1, Timestamps.format(Timestamps.parse(rs.getString(2))));
                        upd.setString(2, FeedbackEntry.contextText(ctx, FeedbackEntry.FRAMEWORK));
                        upd.setString(3, FeedbackEntry.contextText(ctx, FeedbackEntry.MODEL));
                        upd.setString(4, FeedbackEntry.taskTypeOf(ctx));
                        upd.setInt(5, prompt == null ? 0 : PromptFeature.detect(prompt));
                        upd.setInt(6, prompt == null ? 0 : prompt.length());
                        upd.setLong(7, last);
                        upd.addBatch();
                    }
                }
                upd.executeBatch();
                if (n == 0) {
                    return;
                }
            }
        }
    }

    private static void replaceIfForeign(Connection c, String table, Set<String> required, String create)
            throws SQLException {
        Set<String> columns = new HashSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                columns.add(rs.getString("name"));
            }
        }
        if (columns.containsAll(required)) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE " + table + " RENAME TO " + table + "_legacy");
            st.execute(create);
        }
    }
}
