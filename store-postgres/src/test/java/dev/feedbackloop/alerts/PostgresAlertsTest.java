package dev.feedbackloop.alerts;

import dev.feedbackloop.storage.postgres.TestPostgres;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Drop alerts, missed reviews and review leases between instances, on PostgreSQL. */
class PostgresAlertsTest extends AlertsTest {
    private final Map<Path, String> databases = new HashMap<>();

    @Override
    String location(Path db) {
        return databases.computeIfAbsent(db, d -> TestPostgres.newDatabase());
    }
}
