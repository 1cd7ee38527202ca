package dev.feedbackloop.suggestions;

import dev.feedbackloop.ErrorKind;
import dev.feedbackloop.FeedbackLoopException;

/**
 * A suggestion source could not answer. {@link #reason()} is the short cause shown to users
 * ({@code no key}, {@code HTTP 401}, {@code HTTP 429}, {@code timeout}, {@code network failure},
 * {@code unparseable answer}); the message says more.
 */
public class SourceUnavailableException extends FeedbackLoopException {
    public static final String NO_KEY = "no key";
    public static final String TIMEOUT = "timeout";
    public static final String NETWORK = "network failure";
    public static final String UNPARSEABLE = "unparseable answer";

    private final String reason;

    public SourceUnavailableException(String reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    public SourceUnavailableException(String reason, String detail) {
        this(reason, detail, null);
    }

    public static SourceUnavailableException http(int status, String detail, Throwable cause) {
        return new SourceUnavailableException("HTTP " + status, detail, cause);
    }

    public String reason() {
        return reason;
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.UNAVAILABLE;
    }
}
