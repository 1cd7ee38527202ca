package dev.feedbackloop.storage;

/** What an insert did. A conflicting insert throws {@link dev.feedbackloop.ConflictException} instead. */
public enum InsertResult {
    /** A new row was written. */
    INSERTED,
    /** The same feedback_id with the same content was already stored; nothing changed. */
    UNCHANGED
}
