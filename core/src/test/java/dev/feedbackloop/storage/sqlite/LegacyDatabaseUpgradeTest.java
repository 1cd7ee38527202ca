package dev.feedbackloop.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.capture.PromptFeature;
import dev.feedbackloop.storage.AnalysisRow;
import dev.feedbackloop.storage.FeedbackQuery;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A feedback.db as the original Python tool wrote it opens, upgrades in place and keeps every row. */
class LegacyDatabaseUpgradeTest {
    private static final String PYTHON_SCHEMA = """
            CREATE TABLE feedback (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                feedback_id TEXT UNIQUE NOT NULL,
                timestamp DATETIME NOT NULL,
                prompt TEXT NOT NULL,
                output TEXT NOT NULL,
                rating INTEGER NOT NULL,
                thumbs_up BOOLEAN NOT NULL,
                tags TEXT,
                context TEXT,
                notes TEXT
            );
            CREATE TABLE pattern_cache (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                pattern_type TEXT NOT NULL,
                pattern_data TEXT NOT NULL,
                created_at DATETIME DEFAULT CURRENT_TIMESTAMP
            );
            CREATE TABLE reports (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                period TEXT NOT NULL,
                report_data TEXT NOT NULL,
                created_at DATETIME DEFAULT CURRENT_TIMESTAMP
            );
            CREATE INDEX idx_timestamp ON feedback(timestamp);
            CREATE INDEX idx_rating ON feedback(rating);
            CREATE INDEX idx_thumbs_up ON feedback(thumbs_up);
            CREATE INDEX idx_feedback_id ON feedback(feedback_id);
            """;

    @TempDir
    Path dir;

    @Test
    void originalDatabaseIsUpgradedInPlaceKeepingEveryRow() throws Exception {
        Path db = dir.resolve("feedback.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            for (String sql : PYTHON_SCHEMA.split(";")) {
                if (!sql.isBlank()) {
                    st.execute(sql);
                }
            }
            insert(c, "9f86d081884c7d65", "2026-11-20T09:15:00.123456",
                    "Explain how DNS works. For example, what happens for example.com?", 5, 1,
                    "[\"technical\", \"explanation\"]", "{\"framework\": \"first-principles\", \"model\": \"claude-sonnet-4\"}",
                    null);
            insert(c, "5e884898da280471", "2026-11-21T18:00:00", "fix the bug in my code", 1, 0, "[]",
                    "{\"framework\": \"direct-answer\"}", "Too vague, had to ask again");
            insert(c, "6b86b273ff34fce1", "2026-11-22T07:30:00.5+02:00", "Summarize this", 3, 1, null, null, "");
            st.execute("INSERT INTO pattern_cache (pattern_type, pattern_data) VALUES ('analysis', '{}')");
            st.execute("INSERT INTO reports (period, report_data) VALUES ('2026-W47', '{\"x\": 1}')");
        }

        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(db)) {
            List<FeedbackEntry> all = store.find(FeedbackQuery.ALL);
            assertThat(all).hasSize(3);
            FeedbackEntry dns = store.findById("9f86d081884c7d65").orElseThrow();
            Instant localNine = LocalDateTime.parse("2026-11-20T09:15:00.123456")
                    .atZone(ZoneId.systemDefault()).toInstant();
            assertThat(dns.timestamp()).isEqualTo(localNine);
            assertThat(dns.tags()).containsExactly("technical", "explanation");
            assertThat(dns.framework()).isEqualTo("first-principles");
            FeedbackEntry summary = store.findById("6b86b273ff34fce1").orElseThrow();
            assertThat(summary.timestamp()).isEqualTo(Instant.parse("2026-11-22T05:30:00.5Z"));
            assertThat(summary.tags()).isEmpty();
            assertThat(summary.notes()).isNull();

            List<AnalysisRow> rows = new ArrayList<>();
            store.scan(null, null, rows::add);
            assertThat(rows).hasSize(3);
            AnalysisRow first = rows.get(0);
            assertThat(first.framework()).isEqualTo("first-principles");
            assertThat(PromptFeature.EXAMPLES.in(first.features())).isTrue();
            assertThat(first.promptChars()).isEqualTo(dns.prompt().length());

            store.insert(FeedbackEntry.builder("new prompt", "new output", 4).build());
            assertThat(store.count()).isEqualTo(4);
        }

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT count(*) FROM pattern_cache_legacy");
            rs.next();
            assertThat(rs.getInt(1)).as("old cache rows kept aside").isEqualTo(1);
            rs = st.executeQuery("SELECT report_data FROM reports WHERE period = '2026-W47'");
            assertThat(rs.next()).as("old reports kept").isTrue();
            rs = st.executeQuery("SELECT timestamp FROM feedback WHERE feedback_id = '5e884898da280471'");
            rs.next();
            assertThat(rs.getString(1)).matches("2026-11-2\\dT\\d\\d:00:00\\.000000\\+00:00");
        }
    }

    /** Rows whose context named an output and a rater before votes existed become votes: the latest counts. */
    @Test
    void earlierRowsOfOneRaterOnOneOutputBecomeHistoryOnUpgrade() throws Exception {
        Path db = dir.resolve("votes.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            for (String sql : PYTHON_SCHEMA.split(";")) {
                if (!sql.isBlank()) {
                    st.execute(sql);
                }
            }
            insert(c, "a", "2026-11-20T09:00:00", "p", 1, 0, "[]", "{\"output_id\": \"o1\", \"rater_id\": \"u1\"}", null);
            insert(c, "b", "2026-11-20T10:00:00", "p", 5, 1, "[]", "{\"output_id\": \"o1\", \"rater_id\": \"u1\"}", null);
            insert(c, "c", "2026-11-20T11:00:00", "p", 3, 1, "[]", "{\"output_id\": \"o1\", \"rater_id\": \"u2\"}", null);
            insert(c, "d", "2026-11-20T12:00:00", "p", 2, 0, "[]", "{\"output_id\": \"o1\"}", null);
        }
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(db)) {
            assertThat(store.find(FeedbackQuery.ALL)).extracting(FeedbackEntry::feedbackId)
                    .containsExactlyInAnyOrder("b", "c", "d");
            assertThat(store.replacedVotes("o1", "u1")).extracting(FeedbackEntry::feedbackId).containsExactly("a");
            assertThat(store.dataVersion().changes()).isEqualTo(1);
            store.insert(FeedbackEntry.builder("p", "o", 4).outputId("o1").raterId("u2").feedbackId("e").build());
            assertThat(store.find(FeedbackQuery.ALL)).extracting(FeedbackEntry::feedbackId)
                    .containsExactlyInAnyOrder("b", "d", "e");
        }
    }

    private static void insert(Connection c, String id, String ts, String prompt, int rating, int thumbs, String tags,
            String context, String notes) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO feedback (feedback_id, timestamp, prompt, output,"
                + " rating, thumbs_up, tags, context, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, ts);
            ps.setString(3, prompt);
            ps.setString(4, "output for " + id);
            ps.setInt(5, rating);
            ps.setInt(6, thumbs);
            ps.setString(7, tags);
            ps.setString(8, context);
            ps.setString(9, notes);
            ps.executeUpdate();
        }
    }
}
