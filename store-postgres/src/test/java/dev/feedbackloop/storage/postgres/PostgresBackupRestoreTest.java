package dev.feedbackloop.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.BackupRestoreScenarios;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.StoreCheck;
import dev.feedbackloop.storage.StoreLocations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Backup, restore and verify on PostgreSQL (the scenarios), and verify's amcheck. */
class PostgresBackupRestoreTest extends BackupRestoreScenarios {
    @Override
    protected String newLocation() {
        return TestPostgres.newDatabase();
    }

    @Test
    void verifyChecksIndexesAndTablesWithAmcheckWhenTheDatabaseHasIt() throws Exception {
        String url = newLocation();
        try (FeedbackStore store = StoreLocations.open(url)) {
            for (int i = 0; i < 50; i++) {
                store.insert(FeedbackEntry.builder("p" + i, "o", 1 + i % 5).feedbackId("e" + i).build());
            }
            StoreCheck without = store.verify();
            assertThat(without.checked()).startsWith("not checked").contains("CREATE EXTENSION amcheck");
            assertThat(without.ok()).isTrue();

            PostgresLocation location = PostgresLocation.parse(url, java.util.Map.of());
            try (Connection c = DriverManager.getConnection(location.jdbcUrl(), location.user(), location.password());
                 Statement st = c.createStatement()) {
                st.execute("CREATE EXTENSION amcheck"); // the test's user is the cluster's superuser
            }
            StoreCheck with = store.verify();
            assertThat(with.integrity()).isEmpty();
            assertThat(with.checked()).startsWith("amcheck: ").contains("B-tree indexes").contains("verify_heapam");
            assertThat(Integer.parseInt(with.checked().replaceAll("amcheck: (\\d+) .*", "$1"))).isGreaterThanOrEqualTo(10);
            assertThat(with.rows()).containsEntry("feedback", 50L).containsKeys("audit", "outbox", "schedule_runs");

            // an index that no longer matches its table: its "immutable" function changed after it was built
            try (Connection c = DriverManager.getConnection(location.jdbcUrl(), location.user(), location.password());
                 Statement st = c.createStatement()) {
                st.execute("CREATE FUNCTION shifted(text) RETURNS text IMMUTABLE LANGUAGE sql AS 'SELECT $1'");
                st.execute("CREATE INDEX idx_broken ON feedback (shifted(feedback_id))");
                st.execute("CREATE OR REPLACE FUNCTION shifted(text) RETURNS text IMMUTABLE LANGUAGE sql"
                        + " AS 'SELECT $1 || ''x'''");
            }
            StoreCheck broken = store.verify();
            assertThat(broken.ok()).isFalse();
            assertThat(broken.integrity()).singleElement().asString().startsWith("index idx_broken: ")
                    .contains("lacks matching index tuple");
        }
    }
}
