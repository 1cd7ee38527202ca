package dev.feedbackloop.storage;

/**
 * Opens the store for a location, found through {@link java.util.ServiceLoader}: SQLite in core
 * (file paths), PostgreSQL in the {@code feedback-loop-store-postgres} module ({@code postgresql://}
 * and {@code jdbc:postgresql:} URLs), so a database joins by putting its module on the class path.
 * Implementations are stateless and have a public no-argument constructor.
 */
public interface StoreProvider {
    /** True when this provider serves {@code location}; never throws, never connects. */
    boolean accepts(String location);

    /**
     * Opens (creating or upgrading the schema of) the store at an accepted {@code location}.
     *
     * @throws dev.feedbackloop.InvalidInputException when the location is malformed
     * @throws dev.feedbackloop.StorageException      when the database cannot be reached or opened
     */
    FeedbackStore open(String location);

    /** True when {@code file} is one of the files holding the store at {@code location}, open or not. */
    default boolean holds(String location, java.nio.file.Path file) {
        return false;
    }
}
