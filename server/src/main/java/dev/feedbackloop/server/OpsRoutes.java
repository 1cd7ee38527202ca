package dev.feedbackloop.server;

import dev.feedbackloop.FeedbackLoop;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * For operators and people, no key needed: {@code /health} (the process answers), {@code /ready}
 * (the database answers and is migrated; false while shutting down), {@code /metrics} (Prometheus),
 * {@code /openapi.json} and the API page {@code /api}.
 */
final class OpsRoutes {
    private final FeedbackLoop loop;
    private final PrometheusMeterRegistry metrics;
    private final BooleanSupplier accepting;
    private final byte[] openApi = resource("openapi.json");
    private final byte[] page = resource("api.html");

    OpsRoutes(FeedbackLoop loop, PrometheusMeterRegistry metrics, BooleanSupplier accepting) {
        this.loop = loop;
        this.metrics = metrics;
        this.accepting = accepting;
    }

    void register(Api api) {
        api.add(HandlerType.GET, "/health", null, ctx -> Api.json(ctx, 200, Map.of("status", "ok")));
        api.add(HandlerType.GET, "/ready", null, this::ready);
        api.add(HandlerType.GET, "/metrics", null,
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        api.add(HandlerType.GET, "/openapi.json", null, ctx -> ctx.contentType("application/json").result(openApi));
        api.add(HandlerType.GET, "/api", null, ctx -> ctx.contentType("text/html; charset=utf-8").result(page));
    }

    /** 200 when the database answers (its schema was migrated when it was opened); 503 otherwise. */
    private void ready(Context ctx) {
        if (!accepting.getAsBoolean()) {
            throw HttpProblem.shuttingDown();
        }
        loop.database().dataVersion();
        Api.json(ctx, 200, Map.of("status", "ready", "database", loop.database().location()));
    }

    private static byte[] resource(String name) {
        try (InputStream in = OpsRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the server's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
