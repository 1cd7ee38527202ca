package dev.feedbackloop.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.lifecycle.DeletionFilter;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.StoreLocations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code delete --vacuum} on PostgreSQL: after {@link FeedbackStore#vacuum()} the deleted prompts are
 * gone from the bytes of the table's files, old and new (a plain VACUUM leaves about half of them in
 * the pages' free space). Reads the server's data directory, which the test harness owns.
 */
class PgVacuumTest {
    private static final byte[] MARKER = "ZQX-DELETED-PROMPT".getBytes(StandardCharsets.UTF_8);

    @Test
    void deletedPromptsAreGoneFromTheTablesFilesAfterVacuum() throws Exception {
        String url = TestPostgres.newDatabase();
        String database = url.substring(url.lastIndexOf('/') + 1);
        try (FeedbackStore store = StoreLocations.open(url)) {
            Instant t = Instant.parse("2026-11-01T00:00:00Z");
            for (int i = 0; i < 400; i++) {
                boolean victim = i % 2 == 0;
                store.insert(FeedbackEntry.builder(victim ? "ZQX-DELETED-PROMPT of the victim " + i : "another prompt " + i,
                        "an output", 3).outputId("o" + i).raterId(victim ? "victim" : "other")
                        .timestamp(t.plusSeconds(i)).build());
            }
            List<Path> files = new ArrayList<>();
            files.add(heapFile(database));
            assertThat(markers(files)).as("the prompts are in the file before").isEqualTo(200);

            assertThat(store.delete(DeletionFilter.byRater("victim"), t, "test", false).entries()).isEqualTo(200);
            assertThat(markers(files)).as("a deletion alone leaves the bytes").isEqualTo(200);

            store.vacuum();
            files.add(heapFile(database));
            assertThat(markers(files)).isZero();
            assertThat(files.get(1)).as("the table has a new file").isNotEqualTo(files.get(0));
            assertThat(store.count()).isEqualTo(200);
            store.insert(FeedbackEntry.builder("after", "o", 5).timestamp(t).build());
            assertThat(store.count()).isEqualTo(201);
        }
    }

    /** The feedback table's main file, after a checkpoint wrote every page to it. */
    private static Path heapFile(String database) throws SQLException {
        try (Connection admin = TestPostgres.server().admin(); Statement st = admin.createStatement()) {
            st.execute("CHECKPOINT");
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + TestPostgres.server().port()
                + "/" + database, PostgresServer.USER, PostgresServer.PASSWORD);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('data_directory'), pg_relation_filepath('feedback')")) {
            rs.next();
            return Path.of(rs.getString(1), rs.getString(2));
        }
    }

    private static int markers(List<Path> files) throws Exception {
        try (Connection admin = TestPostgres.server().admin(); Statement st = admin.createStatement()) {
            st.execute("CHECKPOINT");
        }
        int n = 0;
        for (Path f : files) {
            if (Files.exists(f)) {
                n += count(Files.readAllBytes(f));
            }
        }
        return n;
    }

    private static int count(byte[] hay) {
        int n = 0;
        outer:
        for (int i = 0; i + MARKER.length <= hay.length; i++) {
            for (int j = 0; j < MARKER.length; j++) {
                if (hay[i + j] != MARKER[j]) {
                    continue outer;
                }
            }
            n++;
        }
        return n;
    }
}
