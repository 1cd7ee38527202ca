package dev.feedbackloop.transfer;

import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.StoreLocations;
import dev.feedbackloop.storage.postgres.TestPostgres;

/** CSV and JSON imports on PostgreSQL. */
class PostgresCsvAndJsonImportTest extends CsvAndJsonImportTest {
    @Override
    FeedbackStore openStore() {
        return StoreLocations.open(TestPostgres.newDatabase());
    }
}
