package dev.feedbackloop;

/**
 * Root of every exception this library throws on purpose. Unchecked: callers at the edges
 * (CLI, server) translate subclasses to exit codes or HTTP statuses; everything else lets them fly.
 */
public class FeedbackLoopException extends RuntimeException {
    public FeedbackLoopException(String message) {
        super(message);
    }

    public FeedbackLoopException(String message, Throwable cause) {
        super(message, cause);
    }

    /** What kind of failure this is (see {@link ErrorKind}); subclasses say. */
    public ErrorKind kind() {
        return ErrorKind.FAILURE;
    }
}
