package dev.feedbackloop.server;

import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.access.KeyScope;
import dev.feedbackloop.alerts.Alerts;
import dev.feedbackloop.alerts.Delivery;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Map;

/**
 * Alerts for the dashboard: {@code GET /api/v1/alerts} (latest first) and
 * {@code GET /api/v1/alerts/deliveries} (the outbox, dead letters included; {@code ?state=dead}).
 * Destinations are listed without their secrets.
 */
final class AlertRoutes {
    private final FeedbackLoop loop;

    AlertRoutes(FeedbackLoop loop) {
        this.loop = loop;
    }

    void register(Api api) {
        api.add(HandlerType.GET, "/api/v1/alerts", KeyScope.READ, this::alerts);
        api.add(HandlerType.GET, "/api/v1/alerts/deliveries", KeyScope.READ, this::deliveries);
    }

    private void alerts(Context ctx) {
        int limit = Api.intParam(ctx, "limit", 50, 1, 1000);
        Api.json(ctx, 200, Map.of("alerts", loop.alerts().list(limit)));
    }

    private void deliveries(Context ctx) {
        int limit = Api.intParam(ctx, "limit", 100, 1, 1000);
        String state = ctx.queryParam("state");
        Delivery.State wanted = state == null ? null : parseState(state);
        List<Map<String, Object>> rows = loop.alerts().deliveries(limit, wanted).stream().map(Alerts::toMap).toList();
        Api.json(ctx, 200, Map.of("deliveries", rows,
                "destinations", loop.alerts().destinations().stream().map(Alerts::toMap).toList()));
    }

    private static Delivery.State parseState(String text) {
        try {
            return Delivery.State.parse(text);
        } catch (IllegalArgumentException e) {
            throw new dev.feedbackloop.InvalidInputException("state must be pending, delivered or dead, not '" + text + "'");
        }
    }
}
