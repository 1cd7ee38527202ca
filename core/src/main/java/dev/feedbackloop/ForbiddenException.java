package dev.feedbackloop;

/** A credential (a feedback token) that is invalid, expired, or not for what it was used for. Nothing was stored. */
public class ForbiddenException extends FeedbackLoopException {
    public ForbiddenException(String message) {
        super(message);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.FORBIDDEN;
    }
}
