package dev.feedbackloop;

/** Too few entries in the window for the requested analysis ("found N, need M"). */
public class InsufficientDataException extends FeedbackLoopException {
    private final int found;
    private final int needed;

    public InsufficientDataException(int found, int needed) {
        super("Insufficient feedback data: found " + found + ", need " + needed);
        this.found = found;
        this.needed = needed;
    }

    public int found() {
        return found;
    }

    public int needed() {
        return needed;
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.INSUFFICIENT_DATA;
    }
}
