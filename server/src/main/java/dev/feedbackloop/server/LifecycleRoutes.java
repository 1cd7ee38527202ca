package dev.feedbackloop.server;

import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.access.KeyScope;
import dev.feedbackloop.lifecycle.Actors;
import dev.feedbackloop.lifecycle.AuditEvent;
import dev.feedbackloop.lifecycle.Deletion;
import dev.feedbackloop.lifecycle.DeletionRequest;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Map;

/**
 * Admin routes of the data lifecycle: deletions by filter ({@code POST /api/v1/deletions}, with a dry
 * run) and the audit trail ({@code GET /api/v1/audit}). Deletions are audited as the key's name.
 */
final class LifecycleRoutes {
    private final FeedbackLoop loop;

    LifecycleRoutes(FeedbackLoop loop) {
        this.loop = loop;
    }

    void register(Api api) {
        api.add(HandlerType.POST, "/api/v1/deletions", KeyScope.ADMIN, ctx -> delete(api, ctx));
        api.add(HandlerType.GET, "/api/v1/audit", KeyScope.ADMIN, this::audit);
    }

    /** 200 with what was deleted (or, for a dry run, what would be). */
    private void delete(Api api, Context ctx) {
        DeletionRequest request = DeletionRequest.of(api.object(ctx), loop.clock().instant());
        Deletion d = loop.delete(request.filter(), request.dryRun(), actor(ctx));
        Api.json(ctx, 200, d.toMap());
    }

    private void audit(Context ctx) {
        int limit = Api.intParam(ctx, "limit", 100, 1, 10_000);
        Api.json(ctx, 200, Map.of("events", loop.audit(Api.instantParam(ctx, "since"), limit).stream()
                .map(AuditEvent::toMap).toList()));
    }

    static String actor(Context ctx) {
        return Actors.key(ctx.attribute(Access.KEY_ATTRIBUTE));
    }
}
