package dev.feedbackloop.storage;

import dev.feedbackloop.storage.postgres.TestPostgres;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Instances racing for outbox rows, schedule slots, alerts and destination names on PostgreSQL, where
 * their transactions really run at once (READ COMMITTED): each is still won exactly once.
 */
class PostgresAlertStoreRacesTest extends AlertStoreRacesTest {
    private final Map<Path, String> databases = new HashMap<>();

    @Override
    FeedbackStore openStore(Path db) {
        return StoreLocations.open(databases.computeIfAbsent(db, d -> TestPostgres.newDatabase()));
    }
}
