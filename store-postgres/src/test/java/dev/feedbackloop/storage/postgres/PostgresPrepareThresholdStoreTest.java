package dev.feedbackloop.storage.postgres;

import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.FeedbackStoreContract;
import dev.feedbackloop.storage.StoreLocations;

/**
 * The storage contract on PostgreSQL with {@code prepareThreshold=0} in the URL (as behind PgBouncer's
 * transaction pooling): no server-side prepared statements, so the analysis scan reads text.
 */
class PostgresPrepareThresholdStoreTest extends FeedbackStoreContract {
    @Override
    protected FeedbackStore newStore() {
        return StoreLocations.open(TestPostgres.newDatabase() + "?prepareThreshold=0");
    }
}
