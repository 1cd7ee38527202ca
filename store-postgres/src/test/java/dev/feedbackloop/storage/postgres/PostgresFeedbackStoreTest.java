package dev.feedbackloop.storage.postgres;

import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.FeedbackStoreContract;
import dev.feedbackloop.storage.StoreLocations;

/** The storage contract on PostgreSQL: each test in a database of its own. */
class PostgresFeedbackStoreTest extends FeedbackStoreContract {
    @Override
    protected FeedbackStore newStore() {
        return StoreLocations.open(TestPostgres.newDatabase());
    }
}
