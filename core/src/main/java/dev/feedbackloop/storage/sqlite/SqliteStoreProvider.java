package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.StoreLocations;
import dev.feedbackloop.storage.StoreProvider;
import java.nio.file.Path;
import java.time.Clock;

/** Every location that is not a URL ({@code scheme://} or {@code jdbc:}) is a SQLite file. */
public final class SqliteStoreProvider implements StoreProvider {
    @Override
    public boolean accepts(String location) {
        return !StoreLocations.isUrl(location);
    }

    @Override
    public FeedbackStore open(String location, Clock clock, boolean oneShot) {
        return SqliteFeedbackStore.open(Path.of(location), clock);
    }

    @Override
    public boolean holds(String location, Path file) {
        return SqliteFeedbackStore.holds(Path.of(location), file);
    }
}
