package dev.feedbackloop.analysis;

import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.StoreLocations;
import dev.feedbackloop.storage.postgres.TestPostgres;

/** The task-type adjusted analysis scenarios (classified task types kept by the store) on PostgreSQL. */
class PostgresTaskTypedAnalysisTest extends TaskTypedAnalysisTest {
    @Override
    FeedbackStore openStore() {
        return StoreLocations.open(TestPostgres.newDatabase());
    }
}
