package dev.feedbackloop.transfer;

/**
 * One bad record of an import file.
 *
 * @param line    1-based line of the file where the record starts
 * @param record  1-based position of the record among the file's records (JSON Lines: equals the
 *                line unless there are blank lines; CSV: data rows after the header)
 * @param message what is wrong, naming the field
 */
public record RecordError(long line, long record, String message) {
    public RecordError {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("message is required");
        }
    }
}
