package dev.feedbackloop.storage;

/**
 * What an insert did. A conflicting single insert throws {@link dev.feedbackloop.ConflictException}
 * instead; only {@link BatchWriter#addAll} reports {@link #CONFLICT}.
 */
public enum InsertResult {
    /** A new row was written. */
    INSERTED,
    /** The same feedback_id with the same content was already stored; nothing changed. */
    UNCHANGED,
    /** The feedback_id is stored with different content; nothing was written (batch inserts only). */
    CONFLICT
}
