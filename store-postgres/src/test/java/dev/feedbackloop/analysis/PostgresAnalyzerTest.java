package dev.feedbackloop.analysis;

import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.StoreLocations;
import dev.feedbackloop.storage.postgres.TestPostgres;

/** The analysis scenarios on PostgreSQL. */
class PostgresAnalyzerTest extends AnalyzerTest {
    @Override
    FeedbackStore openStore() {
        return StoreLocations.open(TestPostgres.newDatabase());
    }
}
