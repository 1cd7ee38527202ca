package dev.feedbackloop;

import java.util.Optional;

/** Input that breaks a documented rule (rating 1-5, non-empty prompt, ...). Nothing was stored. */
public class InvalidInputException extends FeedbackLoopException {
    private final String field;

    public InvalidInputException(String message) {
        this(message, null);
    }

    /** @param field the input field that is wrong ({@code rating}, {@code context.k}); null when no one field is */
    public InvalidInputException(String message, String field) {
        super(message);
        this.field = field;
    }

    /** The field that is wrong, when the rule concerns one field. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.INVALID_INPUT;
    }
}
