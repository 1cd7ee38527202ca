package dev.feedbackloop.storage.postgres;

import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.StoreCopy;
import dev.feedbackloop.storage.StoreProvider;
import java.nio.file.Path;
import java.time.Clock;

/** Serves {@code postgresql://}, {@code postgres://} and {@code jdbc:postgresql://} locations. */
public final class PostgresStoreProvider implements StoreProvider {
    @Override
    public boolean accepts(String location) {
        return PostgresLocation.accepts(location);
    }

    @Override
    public FeedbackStore open(String location, Clock clock, boolean oneShot) {
        return PostgresFeedbackStore.open(PostgresLocation.parse(location, System.getenv()), clock, oneShot);
    }

    @Override
    public StoreCopy copyFromSqlite(Path sqliteFile, String location) {
        try (PostgresFeedbackStore target = PostgresFeedbackStore.open(PostgresLocation.parse(location, System.getenv()))) {
            return target.copyFromSqlite(sqliteFile);
        }
    }
}
