package dev.feedbackloop;

import dev.feedbackloop.storage.postgres.TestPostgres;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Deletion by id, rater, filter and age on PostgreSQL: one database per name the scenario uses. */
class PostgresDeletionsTest extends DeletionsTest {
    private final Map<Path, String> databases = new HashMap<>();

    @Override
    String location(Path db) {
        return databases.computeIfAbsent(db, d -> TestPostgres.newDatabase());
    }
}
