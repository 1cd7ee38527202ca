package dev.feedbackloop.transfer;

import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.StoreLocations;
import dev.feedbackloop.storage.postgres.TestPostgres;

/** The import scenarios on PostgreSQL (COPY in bulk batches): same results, same error reports. */
class PostgresFeedbackImporterTest extends FeedbackImporterTest {
    @Override
    FeedbackStore openStore() {
        return StoreLocations.open(TestPostgres.newDatabase());
    }
}
