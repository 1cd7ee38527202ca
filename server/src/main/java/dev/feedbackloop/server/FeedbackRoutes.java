package dev.feedbackloop.server;

import dev.feedbackloop.ConflictException;
import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.NotFoundException;
import dev.feedbackloop.access.FeedbackTokens;
import dev.feedbackloop.access.KeyScope;
import dev.feedbackloop.capture.FeedbackIds;
import dev.feedbackloop.capture.RatedOutput;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.EntryRow;
import dev.feedbackloop.storage.InsertResult;
import dev.feedbackloop.transfer.EntryJson;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * {@code /api/v1/feedback}: capture one entry or a batch (through the {@link GroupCommitWriter}),
 * read them back. Validation is the core's ({@link EntryJson}, {@link FeedbackLoop#toCapture}); an
 * answer with a 2xx status is given only after the entry's transaction committed.
 */
final class FeedbackRoutes {
    static final int MAX_BATCH = 1_000;
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final FeedbackLoop loop;
    private final GroupCommitWriter writer;

    FeedbackRoutes(FeedbackLoop loop, GroupCommitWriter writer) {
        this.loop = loop;
        this.writer = writer;
    }

    void register(Api api) {
        api.add(HandlerType.POST, "/api/v1/feedback", KeyScope.CAPTURE, ctx -> captureOne(api, ctx));
        api.add(HandlerType.POST, "/api/v1/feedback/batch", KeyScope.CAPTURE, ctx -> captureBatch(api, ctx));
        api.add(HandlerType.GET, "/api/v1/feedback", KeyScope.READ, this::list);
        api.add(HandlerType.GET, "/api/v1/feedback/{id}", KeyScope.READ, this::one);
        api.add(HandlerType.DELETE, "/api/v1/feedback/{id}", KeyScope.ADMIN, this::delete);
        api.add(HandlerType.POST, "/api/v1/feedback-tokens", KeyScope.CAPTURE, ctx -> issueToken(api, ctx));
        api.addPublic(HandlerType.POST, "/api/v1/votes", ctx -> vote(api, ctx));
    }

    /**
     * A backend asks for a feedback token for an output it shows: {@code {"prompt", "output",
     * "context"?, "output_id"?, "rater_id"?, "ttl_seconds"?}}. The output is kept; the token allows the
     * key's origins and expires (default 24 h). 201 with {@code {"token", "output_id", "rater_id",
     * "expires_at"}}.
     */
    private void issueToken(Api api, Context ctx) {
        Map<String, Object> body = api.object(ctx);
        EntryJson.refuseUnknownFields(body, Set.of("output_id", "rater_id", "ttl_seconds"));
        for (String field : List.of("rating", "thumbs_up", "tags", "notes", "feedback_id", "timestamp")) {
            if (body.containsKey(field)) {
                throw new InvalidInputException("a token request describes the output; '" + field
                        + "' belongs to the vote", field);
            }
        }
        Object ttl = body.getOrDefault("ttl_seconds", FeedbackTokens.DEFAULT_TTL.toSeconds());
        if (!(ttl instanceof Integer || ttl instanceof Long)) {
            throw new InvalidInputException("ttl_seconds must be a whole number of seconds", "ttl_seconds");
        }
        Object outputId = body.getOrDefault("output_id", FeedbackIds.next());
        Object raterId = body.get("rater_id");
        if (!(outputId instanceof String) || (raterId != null && !(raterId instanceof String))) {
            throw new InvalidInputException("output_id and rater_id must be strings",
                    outputId instanceof String ? "rater_id" : "output_id");
        }
        Map<String, Object> fields = new LinkedHashMap<>(body);
        fields.keySet().removeAll(List.of("output_id", "rater_id", "ttl_seconds"));
        fields.put("rating", 1); // the entry's rules check prompt, output and context; the rating is the vote's
        FeedbackEntry shape = loop.masked(EntryJson.builder(fields, loop.clock().getZone()).build(loop.clock()));
        FeedbackTokens.Issued issued = loop.tokens().issue(
                new RatedOutput((String) outputId, shape.prompt(), shape.output(), shape.context(), loop.clock().instant()),
                (String) raterId, ctx.attribute(Access.KEY_ATTRIBUTE), originsOf(api, ctx),
                Duration.ofSeconds(((Number) ttl).longValue()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", issued.token());
        out.put("output_id", issued.grant().outputId());
        out.put("rater_id", issued.grant().raterId());
        out.put("expires_at", issued.grant().expiresAt().toString());
        Api.json(ctx, 201, out);
    }

    /** The browser origins the request's key allows: a token may be used from those only. */
    private static List<String> originsOf(Api api, Context ctx) {
        return api.access().active(ctx.attribute(Access.KEY_ATTRIBUTE))
                .map(dev.feedbackloop.access.ApiKey::origins).orElse(List.of());
    }

    /**
     * A vote from a browser: {@code Authorization: Token <feedback token>} and {@code {"rating",
     * "thumbs_up"?, "notes"?, "tags"?}}. Prompt, output and context come from the kept output; a
     * later vote with the same token replaces the earlier one. An {@code Idempotency-Key} header becomes
     * the vote's feedback_id, so a retry of the same vote is stored once. 201 with the stored entry.
     */
    private void vote(Api api, Context ctx) {
        ctx.header("Cache-Control", "no-store");
        api.access().allowBrowser(ctx);
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Token ", 0, 6)) {
            throw HttpProblem.unauthorized("send the feedback token as 'Authorization: Token <token>'"
                    + " (POST /api/v1/feedback-tokens issues one)");
        }
        // the server's own pages (the widget demo) may vote with any token; other sites only where the token says
        String origin = Sessions.sameOrigin(ctx) ? null : ctx.header("Origin");
        FeedbackTokens.Grant grant = loop.tokens().verify(header.substring(6).strip(), origin);
        api.access().admitVote(grant.keyName(), origin, grant.outputId(), grant.raterId());
        if (origin != null) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Vary", "Origin");
        }
        ctx.attribute(Access.KEY_ATTRIBUTE, "token:" + grant.outputId());
        FeedbackEntry.Builder vote = loop.tokens().vote(grant, api.object(ctx));
        String retry = ctx.header(IDEMPOTENCY_KEY);
        if (retry != null) {
            // the widget's retries of one vote: stored once, however many times it arrives
            vote.feedbackId(retry.strip());
        }
        EntryRow row = EntryRow.of(loop.toCapture(vote));
        if (store(List.of(row)).get(0) == InsertResult.CONFLICT) {
            throw conflict(row.entry());
        }
        Api.json(ctx, 201, (Object) row.entry());
    }

    /** Admin: deletes one entry from the database and every count (see {@link FeedbackLoop#delete}). */
    private void delete(Context ctx) {
        FeedbackEntry gone = loop.delete(ctx.pathParam("id"), LifecycleRoutes.actor(ctx));
        Api.json(ctx, 200, Map.of("deleted", gone.feedbackId()));
    }

    /**
     * 201 with the stored entry. An identical retry (same feedback_id, or the same Idempotency-Key,
     * which then is the feedback_id) gets the same answer; the same id with other content gets 409.
     */
    private void captureOne(Api api, Context ctx) {
        Map<String, Object> fields = api.object(ctx);
        String key = ctx.header(IDEMPOTENCY_KEY);
        if (key != null) {
            Object id = fields.putIfAbsent("feedback_id", key);
            if (id != null && !id.equals(key)) {
                throw new InvalidInputException(IDEMPOTENCY_KEY + " '" + key + "' differs from feedback_id '" + id
                        + "': give one, or the same value in both", "feedback_id");
            }
        }
        EntryRow row = row(fields);
        // answered when the group commit is known, without holding a server thread meanwhile
        ctx.future(() -> writer.submit(List.of(row)).thenAccept(result -> {
            if (result.get(0) == InsertResult.CONFLICT) {
                throw conflict(row.entry());
            }
            Api.json(ctx, 201, (Object) row.entry());
        }));
    }

    /**
     * {@code {"entries": [...]}} (at most {@link #MAX_BATCH}): valid entries are stored in one
     * transaction even when others are invalid; 207 with one result per entry, in order.
     */
    private void captureBatch(Api api, Context ctx) {
        Object entries = api.object(ctx).get("entries");
        if (!(entries instanceof List)) {
            throw new InvalidInputException("the body must be {\"entries\": [ ... ]}", "entries");
        }
        List<?> items = (List<?>) entries;
        if (items.size() > MAX_BATCH) {
            throw new InvalidInputException("a batch holds at most " + MAX_BATCH + " entries, got " + items.size(), "entries");
        }
        List<Map<String, Object>> results = new ArrayList<>(items.size());
        List<EntryRow> valid = new ArrayList<>();
        List<Integer> validAt = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                if (!(items.get(i) instanceof Map)) {
                    throw new InvalidInputException("each entry must be a JSON object");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) items.get(i);
                valid.add(row(fields));
                validAt.add(i);
                results.add(null);
            } catch (InvalidInputException e) {
                results.add(itemResult(i, Problems.of(e)));
            }
        }
        List<InsertResult> stored = valid.isEmpty() ? List.of() : store(valid);
        for (int k = 0; k < valid.size(); k++) {
            FeedbackEntry e = valid.get(k).entry();
            Map<String, Object> r = stored.get(k) == InsertResult.CONFLICT
                    ? itemResult(validAt.get(k), Problems.of(conflict(e)))
                    : itemResult(validAt.get(k), null);
            if (stored.get(k) != InsertResult.CONFLICT) {
                r.put("status", stored.get(k) == InsertResult.INSERTED ? 201 : 200);
                r.put("feedback_id", e.feedbackId());
            }
            results.set(validAt.get(k), r);
        }
        long ok = stored.stream().filter(r -> r != InsertResult.CONFLICT).count();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stored", ok);
        body.put("failed", items.size() - ok);
        body.put("results", results);
        Api.json(ctx, 207, body);
    }

    private static Map<String, Object> itemResult(int index, Map<String, Object> problem) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("index", index);
        if (problem != null) {
            r.put("status", problem.get("status"));
            r.put("problem", problem);
        }
        return r;
    }

    /** An entry of the API: the JSON Lines record plus {@code rater_id} and {@code output_id} (a vote). */
    private EntryRow row(Map<String, Object> fields) {
        EntryJson.refuseUnknownFields(fields, Set.of("rater_id", "output_id"));
        Map<String, Object> entry = new LinkedHashMap<>(fields);
        Object raterId = entry.remove("rater_id");
        Object outputId = entry.remove("output_id");
        if ((raterId != null && !(raterId instanceof String)) || (outputId != null && !(outputId instanceof String))) {
            throw new InvalidInputException("rater_id and output_id must be strings",
                    raterId != null && !(raterId instanceof String) ? "rater_id" : "output_id");
        }
        FeedbackEntry.Builder b = EntryJson.builder(entry, loop.clock().getZone())
                .raterId((String) raterId).outputId((String) outputId);
        return EntryRow.of(loop.toCapture(b));
    }

    /** Waits for the group commit of {@code rows}; rethrows its failure as it was. */
    private List<InsertResult> store(List<EntryRow> rows) {
        try {
            return writer.submit(rows).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
        }
    }

    private static ConflictException conflict(FeedbackEntry e) {
        return new ConflictException("feedback_id '" + e.feedbackId() + "' is stored with different content;"
                + " nothing was changed (an identical retry is fine)");
    }

    private void list(Context ctx) {
        FeedbackPage page = FeedbackPage.read(loop.database(), ctx);
        Api.json(ctx, 200, page.toMap());
    }

    private void one(Context ctx) {
        String id = ctx.pathParam("id");
        FeedbackEntry e = loop.database().findById(id)
                .orElseThrow(() -> new NotFoundException("no feedback with feedback_id '" + id + "'"));
        Api.json(ctx, 200, (Object) e);
    }
}
