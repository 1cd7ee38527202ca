package dev.feedbackloop;

import dev.feedbackloop.storage.postgres.TestPostgres;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Votes and deletions on PostgreSQL: one database per name the scenario uses. */
class PostgresVotesAndDeletionsTest extends VotesAndDeletionsTest {
    private final Map<Path, String> databases = new HashMap<>();

    @Override
    String location(Path db) {
        return databases.computeIfAbsent(db, d -> TestPostgres.newDatabase());
    }
}
