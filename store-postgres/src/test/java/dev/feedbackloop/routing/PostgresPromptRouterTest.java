package dev.feedbackloop.routing;

import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.StoreLocations;
import dev.feedbackloop.storage.postgres.TestPostgres;

/** The learning router's scenarios on PostgreSQL. */
class PostgresPromptRouterTest extends PromptRouterTest {
    @Override
    FeedbackStore openStore() {
        return StoreLocations.open(TestPostgres.newDatabase());
    }
}
