package dev.feedbackloop.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.StorageException;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.FeedbackStoreContract;
import dev.feedbackloop.storage.StoreLocations;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The storage contract on PostgreSQL for a process that runs one command ({@link PgOneShotConnections}:
 * no pool), plus what differs: connections are reused, a broken one is replaced, a wrong password is
 * still one line at open.
 */
class PostgresOneShotStoreTest extends FeedbackStoreContract {
    @Override
    protected FeedbackStore newStore() {
        return StoreLocations.open(TestPostgres.newDatabase(), Clock.systemUTC(), true);
    }

    @Test
    void aConnectionKilledByTheServerIsReplaced() throws Exception {
        String url = TestPostgres.newDatabase();
        try (FeedbackStore one = StoreLocations.open(url, Clock.systemUTC(), true)) {
            one.insert(FeedbackEntry.builder("p", "o", 4).feedbackId("a").timestamp(Instant.parse("2026-11-01T00:00:00Z"))
                    .build());
            PostgresLocation l = PostgresLocation.parse(url, Map.of());
            try (java.sql.Connection admin = java.sql.DriverManager.getConnection(l.jdbcUrl(), l.user(), l.password());
                 java.sql.Statement st = admin.createStatement()) {
                // the one idle connection of the store: gone
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND pid <> pg_backend_pid() AND application_name = 'feedback-loop'");
            }
            // the first use finds the connection broken and retries once on a fresh one
            assertThat(one.count()).isEqualTo(1);
            assertThat(one.count()).isEqualTo(1);
        }
    }

    /** A setting the URL names is the URL's, as with the pool (the driver's own defaults come second). */
    @Test
    void theUrlsSettingsAreKept() throws Exception {
        String url = TestPostgres.newDatabase();
        String named = url + (url.contains("?") ? "&" : "?") + "ApplicationName=nightly-report";
        try (FeedbackStore one = StoreLocations.open(named, Clock.systemUTC(), true)) {
            one.count();
            PostgresLocation l = PostgresLocation.parse(url, Map.of());
            try (java.sql.Connection admin = java.sql.DriverManager.getConnection(l.jdbcUrl(), l.user(), l.password());
                 java.sql.Statement st = admin.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity"
                         + " WHERE datname = current_database() AND application_name = 'nightly-report'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the store's connections, named by the URL").isPositive();
            }
        }
    }

    @Test
    void aWrongPasswordIsOneLineAtOpen() {
        PostgresLocation l = PostgresLocation.parse(TestPostgres.newDatabase(), Map.of());
        String wrong = "postgresql://" + l.user() + ":not-the-password@" + l.host() + ":" + l.port() + "/" + l.database();
        assertThatThrownBy(() -> StoreLocations.open(wrong, Clock.systemUTC(), true))
                .isInstanceOf(StorageException.class).hasMessageContaining("wrong password")
                .hasMessageNotContaining("not-the-password");
    }
}
