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
     * Opens (creating or upgrading the schema of) the store at an accepted {@code location}, whose own
     * records (when a vote was replaced, a change made, a result cached, a report saved) take
     * {@code clock}'s time. {@code oneShot}: the process runs one command and ends, so the store may skip
     * what only pays off over time (a connection pool's housekeeping).
     *
     * @throws dev.feedbackloop.InvalidInputException when the location is malformed
     * @throws dev.feedbackloop.StorageException      when the database cannot be reached or opened
     */
    FeedbackStore open(String location, java.time.Clock clock, boolean oneShot);

    /**
     * Copies every table of the SQLite database {@code sqliteFile} (already at the current schema)
     * into the store at {@code location}, row ids kept, in one transaction; rows already there (a
     * second run) are left as they are.
     *
     * @throws dev.feedbackloop.InvalidInputException when this store cannot receive a copy, or the
     *         target holds other data under the same ids (nothing is copied then)
     */
    default StoreCopy copyFromSqlite(java.nio.file.Path sqliteFile, String location) {
        throw new dev.feedbackloop.InvalidInputException("migrate copies a SQLite database into a server database"
                + " (postgresql://...); " + location + " is not one");
    }

    /** True when {@code file} is one of the files holding the store at {@code location}, open or not. */
    default boolean holds(String location, java.nio.file.Path file) {
        return false;
    }
}
