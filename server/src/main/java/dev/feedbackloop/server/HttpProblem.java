package dev.feedbackloop.server;

/**
 * A failure that exists only over HTTP (no key, wrong content type, too many requests...): the
 * server's complement to the core's {@link dev.feedbackloop.ErrorKind}. {@link Problems} writes it.
 *
 * @param type a stable lower-case name ({@code unsupported_media_type})
 */
final class HttpProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String type;
    final String title;
    /** Seconds for a Retry-After header; 0 for none. */
    final long retryAfter;

    HttpProblem(int status, String type, String title, String detail) {
        this(status, type, title, detail, 0);
    }

    private HttpProblem(int status, String type, String title, String detail, long retryAfter) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.retryAfter = retryAfter;
    }

    static HttpProblem unauthorized(String detail) {
        return new HttpProblem(401, "unauthorized", "Missing or unknown API key", detail);
    }

    static HttpProblem forbidden(String detail) {
        return new HttpProblem(403, "forbidden", "The key's scope does not allow this", detail);
    }

    static HttpProblem unsupportedMediaType(String got) {
        return new HttpProblem(415, "unsupported_media_type", "Unsupported media type",
                "send the body as Content-Type: application/json, got " + (got == null ? "none" : "'" + got + "'"));
    }

    static HttpProblem tooLarge(long limit) {
        return new HttpProblem(413, "content_too_large", "Request body too large",
                "the body is larger than the limit of " + limit + " bytes");
    }

    static HttpProblem rateLimited(long retryAfterSeconds) {
        return new HttpProblem(429, "rate_limited", "Too many requests",
                "this key's rate limit is used up; retry after " + retryAfterSeconds + " s", retryAfterSeconds);
    }

    static HttpProblem shuttingDown() {
        return new HttpProblem(503, "shutting_down", "The server is shutting down", "retry against another instance or later");
    }
}
