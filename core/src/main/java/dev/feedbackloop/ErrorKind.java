package dev.feedbackloop;

/**
 * The one taxonomy of failures. Every {@link FeedbackLoopException} has a kind; the command line
 * maps kinds to exit codes in one table, the server to HTTP statuses in another. {@link #type()} is
 * the stable name that machines read ({@code --json} errors, problem+json {@code type}).
 */
public enum ErrorKind {
    /** Input that breaks a documented rule; nothing was stored. */
    INVALID_INPUT,
    /** A feedback_id (or idempotency key) that exists with different content; nothing was stored. */
    CONFLICT,
    /** What was asked for does not exist. */
    NOT_FOUND,
    /** A credential (a feedback token) that is invalid, expired or not for this use. */
    FORBIDDEN,
    /** The database path holds something else; it was left untouched. */
    NOT_A_DATABASE,
    /** The database's tables lack what this version needs; it was left untouched. */
    INCOMPATIBLE_SCHEMA,
    /** Too little data for the analysis asked for. */
    INSUFFICIENT_DATA,
    /** The disk holding the database is full; the write was rolled back. */
    DISK_FULL,
    /** The database could not be opened, read or written. */
    STORAGE,
    /** An outside service (Claude) could not answer. */
    UNAVAILABLE,
    /** Anything else. */
    FAILURE;

    /** The stable, lower-case name: {@code invalid_input}, {@code disk_full}, ... */
    public String type() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
