package dev.feedbackloop;

/** Input that breaks a documented rule (rating 1-5, non-empty prompt, ...). Nothing was stored. */
public class InvalidInputException extends FeedbackLoopException {
    public InvalidInputException(String message) {
        super(message);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.INVALID_INPUT;
    }
}
