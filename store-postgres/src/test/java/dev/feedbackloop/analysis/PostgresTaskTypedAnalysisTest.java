package dev.feedbackloop.analysis;

import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.StoreLocations;
import dev.feedbackloop.storage.postgres.PostgresLocation;
import dev.feedbackloop.storage.postgres.TestPostgres;

/** The task-type adjusted analysis scenarios (classified task types kept by the store) on PostgreSQL. */
class PostgresTaskTypedAnalysisTest extends TaskTypedAnalysisTest {
    private String url;

    @Override
    FeedbackStore openStore() {
        url = TestPostgres.newDatabase();
        return StoreLocations.open(url);
    }

    @Override
    void forgetTaskClasses() throws java.sql.SQLException {
        PostgresLocation location = PostgresLocation.parse(url, java.util.Map.of());
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(location.jdbcUrl(), location.user(),
                location.password()); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE feedback SET task_class = NULL");
        }
    }
}
