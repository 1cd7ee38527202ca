package dev.feedbackloop;

/** What was asked for (an entry, a stored report, a key) does not exist. */
public class NotFoundException extends FeedbackLoopException {
    public NotFoundException(String message) {
        super(message);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.NOT_FOUND;
    }
}
