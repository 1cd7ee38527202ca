package dev.feedbackloop.server;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.access.KeyScope;
import dev.feedbackloop.internal.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Registers routes on Javalin and remembers them, so the OpenAPI test can compare the document with
 * the routes that really exist. A route with a scope needs a key of that scope ({@link Access});
 * one without is public ({@code /health}, {@code /openapi.json}, ...). Answers of routes with a scope are
 * sent with {@code Cache-Control: no-store}. Also the small request and
 * response helpers every routes class uses.
 */
final class Api {
    /** A registered route: {@code GET /api/v1/feedback/{id}}. */
    record Route(String method, String path) {
    }

    private final RoutesConfig routes;
    private final Access access;
    private final long maxBodyBytes;
    private final List<Route> registered = new ArrayList<>();
    private final java.util.Set<String> preflighted = new java.util.HashSet<>();

    Api(RoutesConfig routes, Access access, long maxBodyBytes) {
        this.routes = routes;
        this.access = access;
        this.maxBodyBytes = maxBodyBytes;
    }

    void add(HandlerType method, String path, KeyScope scope, Handler handler) {
        Handler guarded = scope == null ? handler : ctx -> {
            // what a key or a session may read is nobody else's: no browser or proxy keeps a copy
            ctx.header("Cache-Control", "no-store");
            access.require(ctx, scope);
            handler.handle(ctx);
        };
        routes.addEndpoint(new io.javalin.router.Endpoint(method, path, guarded));
        if (scope != null && preflighted.add(path)) {
            // browsers ask before a cross-site call, without the key
            routes.addEndpoint(new io.javalin.router.Endpoint(HandlerType.OPTIONS, path, access::preflight));
        }
        registered.add(new Route(method.name().toUpperCase(Locale.ROOT), path));
    }

    /**
     * A route without a key: it checks its own credential (a feedback token). Browsers may call it
     * from the origins some active key allows (the token then checks its own origins).
     */
    void addPublic(HandlerType method, String path, Handler handler) {
        add(method, path, null, handler);
        if (preflighted.add(path)) {
            routes.addEndpoint(new io.javalin.router.Endpoint(HandlerType.OPTIONS, path, access::preflight));
        }
    }

    /** Who may do what: for routes that check a credential of their own. */
    Access access() {
        return access;
    }

    List<Route> routes() {
        return List.copyOf(registered);
    }

    /**
     * The request's JSON body as plain values.
     *
     * @throws HttpProblem 415 unless the content type is JSON, 413 over the size limit
     * @throws dev.feedbackloop.InvalidInputException for malformed JSON
     */
    Object body(Context ctx) {
        String type = ctx.contentType();
        String base = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!base.equals("application/json")) {
            throw HttpProblem.unsupportedMediaType(type);
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw HttpProblem.tooLarge(maxBodyBytes);
        }
        byte[] bytes;
        try {
            bytes = ctx.req().getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        } catch (java.io.IOException e) {
            throw new dev.feedbackloop.InvalidInputException("the request body could not be read: " + e.getMessage());
        }
        if (bytes.length > maxBodyBytes) {
            throw HttpProblem.tooLarge(maxBodyBytes);
        }
        try {
            return Json.parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        } catch (dev.feedbackloop.InvalidInputException e) {
            throw new dev.feedbackloop.InvalidInputException("the body is not valid JSON: " + e.getMessage());
        }
    }

    /** The body as a JSON object. @throws dev.feedbackloop.InvalidInputException when it is something else */
    @SuppressWarnings("unchecked")
    Map<String, Object> object(Context ctx) {
        Object value = body(ctx);
        if (!(value instanceof Map)) {
            throw new dev.feedbackloop.InvalidInputException("the body must be a JSON object, got " + Json.describe(value));
        }
        return (Map<String, Object>) value;
    }

    /** Answers with {@code json} (already JSON text from one of the core's codecs). */
    static void json(Context ctx, int status, String json) {
        ctx.status(status).contentType("application/json").result(json);
    }

    /** Answers with {@code value} written by the one codec ({@link FeedbackJson}). */
    static void json(Context ctx, int status, Object value) {
        json(ctx, status, FeedbackJson.write(value));
    }

    /** An integer query parameter within [min, max], or {@code fallback} when absent. */
    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new dev.feedbackloop.InvalidInputException(name + " must be an integer from " + min + " to " + max
                + ", got '" + v + "'", name);
    }

    /** An ISO-8601 query parameter (no offset: the server's zone), or null when absent. */
    static java.time.Instant instantParam(Context ctx, String name) {
        String v = ctx.queryParam(name);
        try {
            return v == null ? null : dev.feedbackloop.internal.Timestamps.parse(v);
        } catch (dev.feedbackloop.InvalidInputException e) {
            throw new dev.feedbackloop.InvalidInputException(name + ": " + e.getMessage(), name);
        }
    }
}
