package dev.feedbackloop.storage;

/**
 * The texts of one stored entry, fetched by row id for phrase analysis and examples. Notes may be null.
 *
 * @param taskType the entry's {@code context.task_type}, else the classifier's type kept for it; null
 *                 when neither is known
 */
public record EntryText(long id, String prompt, String notes, int rating, boolean thumbsUp, String taskType) {
    /** Texts without a task type. */
    public EntryText(long id, String prompt, String notes, int rating, boolean thumbsUp) {
        this(id, prompt, notes, rating, thumbsUp, null);
    }
}
