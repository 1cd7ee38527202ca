package dev.feedbackloop.server;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.ErrorKind;
import dev.feedbackloop.FeedbackLoopException;
import dev.feedbackloop.InvalidInputException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one place failures become HTTP answers: {@code application/problem+json} (RFC 9457) with
 * {@code type}, {@code title}, {@code status}, {@code detail} and, for validation, {@code field}.
 * {@code type} is a link into the API page ({@code /api#invalid_input}), where each type is explained.
 * Handlers throw; they never write an error body themselves.
 */
final class Problems {
    static final String MEDIA_TYPE = "application/problem+json";

    /** The HTTP status of each kind of failure: the server's half of the one error taxonomy. */
    private static final Map<ErrorKind, Integer> STATUS = new EnumMap<>(Map.ofEntries(
            Map.entry(ErrorKind.FORBIDDEN, 403),
            Map.entry(ErrorKind.INVALID_INPUT, 400),
            Map.entry(ErrorKind.CONFLICT, 409),
            Map.entry(ErrorKind.NOT_FOUND, 404),
            Map.entry(ErrorKind.NOT_A_DATABASE, 500),
            Map.entry(ErrorKind.INCOMPATIBLE_SCHEMA, 500),
            Map.entry(ErrorKind.INSUFFICIENT_DATA, 422),
            Map.entry(ErrorKind.DISK_FULL, 507),
            Map.entry(ErrorKind.STORAGE, 503),
            Map.entry(ErrorKind.UNAVAILABLE, 503),
            Map.entry(ErrorKind.FAILURE, 500)));

    private static final Map<ErrorKind, String> TITLES = new EnumMap<>(Map.ofEntries(
            Map.entry(ErrorKind.FORBIDDEN, "Not allowed with this credential"),
            Map.entry(ErrorKind.INVALID_INPUT, "Invalid input"),
            Map.entry(ErrorKind.CONFLICT, "Conflict with stored data"),
            Map.entry(ErrorKind.NOT_FOUND, "Not found"),
            Map.entry(ErrorKind.NOT_A_DATABASE, "The database file is not a database"),
            Map.entry(ErrorKind.INCOMPATIBLE_SCHEMA, "The database schema is incompatible"),
            Map.entry(ErrorKind.INSUFFICIENT_DATA, "Not enough data"),
            Map.entry(ErrorKind.DISK_FULL, "The disk holding the database is full"),
            Map.entry(ErrorKind.STORAGE, "The database is unavailable"),
            Map.entry(ErrorKind.UNAVAILABLE, "An outside service is unavailable"),
            Map.entry(ErrorKind.FAILURE, "Internal error")));

    private final Consumer<String> log;

    Problems(Consumer<String> log) {
        this.log = log;
    }

    static int status(ErrorKind kind) {
        return STATUS.get(kind);
    }

    /** The problem object of any failure (also for one item of a batch). */
    static Map<String, Object> of(Throwable t) {
        if (t instanceof HttpProblem) {
            HttpProblem p = (HttpProblem) t;
            return body(p.type, p.title, p.status, p.getMessage(), null);
        }
        if (t instanceof HttpResponseException) {
            HttpResponseException e = (HttpResponseException) t;
            HttpStatus s = HttpStatus.forStatus(e.getStatus());
            String type = s.getMessage().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]+", "_");
            return body(type, s.getMessage(), e.getStatus(), e.getMessage(), null);
        }
        ErrorKind kind = t instanceof FeedbackLoopException ? ((FeedbackLoopException) t).kind() : ErrorKind.FAILURE;
        // storage failures name server paths and free space: those stay in the server's log
        String detail = !(t instanceof FeedbackLoopException) ? "the server failed; its log says why"
                : kind == ErrorKind.DISK_FULL ? "the disk holding the database is full; nothing was stored"
                : kind == ErrorKind.STORAGE || kind == ErrorKind.NOT_A_DATABASE || kind == ErrorKind.INCOMPATIBLE_SCHEMA
                ? "the database is unavailable; the server's log says why" : t.getMessage();
        String field = t instanceof InvalidInputException ? ((InvalidInputException) t).field().orElse(null) : null;
        return body(kind.type(), TITLES.get(kind), STATUS.get(kind), detail, field);
    }

    private static Map<String, Object> body(String type, String title, int status, String detail, String field) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "/api#" + type);
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        if (field != null) {
            p.put("field", field);
        }
        return p;
    }

    /** The exception mapper: answers {@code ctx} with the problem of {@code t}. */
    void answer(Throwable t, Context ctx) {
        Map<String, Object> p = of(t);
        int status = (Integer) p.get("status");
        if ((status == 500 && !(t instanceof FeedbackLoopException)) || status == 503 || status == 507) {
            log.accept("error: " + ctx.method() + " " + ctx.path() + ": " + stackTrace(t));
        }
        if (t instanceof HttpProblem && ((HttpProblem) t).retryAfter > 0) {
            ctx.header("Retry-After", Long.toString(((HttpProblem) t).retryAfter));
        } else if (status == 503) {
            // the database is unavailable (restarting, failing over): clients retry, the pool reconnects
            ctx.header("Retry-After", "1");
        }
        ctx.status(status).contentType(MEDIA_TYPE).result(FeedbackJson.write(p));
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
