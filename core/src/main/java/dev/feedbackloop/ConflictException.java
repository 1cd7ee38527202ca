package dev.feedbackloop;

/** A feedback_id that already exists with different content. Nothing was stored. */
public class ConflictException extends FeedbackLoopException {
    public ConflictException(String message) {
        super(message);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.CONFLICT;
    }
}
