package dev.feedbackloop.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.internal.Timestamps;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store's own records (when a vote was replaced, a row left the table, a result was cached, a report
 * saved) take the time of the clock it was opened with, the one clock of the whole product, not the
 * machine's. On SQLite here; a subclass runs it on PostgreSQL.
 */
public class StoreClockTest {
    private static final Instant AT = Instant.parse("2031-03-04T05:06:07Z");
    private static final Instant ENTRY_TIME = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path dir;

    /** A new, empty database. */
    protected String location() {
        return dir.resolve("clock.db").toString();
    }

    /** A plain connection to that database, to read the columns the store keeps to itself. */
    protected Connection connect(String location) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + location);
    }

    /** The time in the first column of the row. */
    protected Instant instant(ResultSet rs) throws SQLException {
        return Timestamps.parse(rs.getString(1));
    }

    private static FeedbackEntry vote(String id) {
        return FeedbackEntry.builder("Calculate 2+2", "4", 4).thumbsUp(true).outputId("out-1").raterId("rater-1")
                .feedbackId(id).timestamp(ENTRY_TIME).build();
    }

    @Test
    void theStoresOwnRecordsTakeTheTimeOfItsClock() throws Exception {
        String location = location();
        try (FeedbackStore store = StoreLocations.open(location, Clock.fixed(AT, ZoneOffset.UTC), false)) {
            store.insert(vote("v1"));
            store.insert(vote("v2"));                        // replaces v1
            try (BatchWriter batch = store.openBatch()) {
                batch.add(vote("v3"));                       // replaces v2, in a batch
                batch.commit();
            }
            store.insert(FeedbackEntry.builder("a prompt", "an output", 5).feedbackId("gone").timestamp(ENTRY_TIME).build());
            store.delete("gone");
            store.putCache("analysis:test", store.dataVersion(), "{}");
            store.saveReport("weekly", AT.minus(Duration.ofDays(7)), AT, "{}");
        }
        try (Connection c = connect(location)) {
            assertThat(times(c, "SELECT replaced_at FROM feedback_history")).containsExactly(AT, AT);
            assertThat(times(c, "SELECT at FROM changes")).containsExactly(AT, AT, AT);
            assertThat(times(c, "SELECT created_at FROM pattern_cache")).containsExactly(AT);
            assertThat(times(c, "SELECT created_at FROM reports")).containsExactly(AT);
        }
    }

    private List<Instant> times(Connection c, String sql) throws SQLException {
        List<Instant> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(instant(rs));
            }
        }
        return out;
    }
}
