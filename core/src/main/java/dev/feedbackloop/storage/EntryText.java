package dev.feedbackloop.storage;

/** The texts of one stored entry, fetched by row id for phrase analysis and examples. Notes may be null. */
public record EntryText(long id, String prompt, String notes, int rating, boolean thumbsUp) {
}
