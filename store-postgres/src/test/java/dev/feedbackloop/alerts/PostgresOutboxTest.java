package dev.feedbackloop.alerts;

import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.StoreLocations;
import dev.feedbackloop.storage.postgres.TestPostgres;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The outbox (claims, retries, restarts, dead deliveries) with its rows on PostgreSQL. */
class PostgresOutboxTest extends OutboxTest {
    private final Map<Path, String> databases = new HashMap<>();

    @Override
    FeedbackStore openStore(Path db) {
        return StoreLocations.open(databases.computeIfAbsent(db, d -> TestPostgres.newDatabase()));
    }
}
