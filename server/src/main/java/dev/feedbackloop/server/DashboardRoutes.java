package dev.feedbackloop.server;

import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.access.KeyScope;
import dev.feedbackloop.analysis.AnalysisOptions;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.reporting.Overviews;
import dev.feedbackloop.reporting.ReportPeriod;
import dev.feedbackloop.suggestions.RewriteReport;
import dev.feedbackloop.suggestions.SuggestOptions;
import dev.feedbackloop.transfer.EntryStreams;
import dev.feedbackloop.transfer.FileFormat;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reads the dashboard needs beyond the ones every client has: who is signed in, the overview of
 * a period, a selection exported, the saved reports, one prompt rewritten. Public API routes like the
 * others (a read key, or the dashboard's session cookie).
 */
final class DashboardRoutes {
    static final int MAX_EXPORT = 1_000;
    /** Saved reports are looked for in this many recent weeks and months. */
    static final int REPORTS_BACK = 12;

    private final FeedbackLoop loop;
    private final RecentAnswers answers;

    DashboardRoutes(FeedbackLoop loop, RecentAnswers answers) {
        this.loop = loop;
        this.answers = answers;
    }

    void register(Api api) {
        api.add(HandlerType.GET, "/api/v1/session", KeyScope.READ, this::session);
        api.add(HandlerType.GET, "/api/v1/overview", KeyScope.READ, this::overview);
        api.add(HandlerType.POST, "/api/v1/feedback/export", KeyScope.READ, ctx -> export(api, ctx));
        api.add(HandlerType.GET, "/api/v1/reports", KeyScope.READ, this::reports);
        api.add(HandlerType.POST, "/api/v1/rewrite", KeyScope.READ, ctx -> rewrite(api, ctx));
        api.add(HandlerType.GET, "/api/v1/router", KeyScope.READ, this::router);
        api.add(HandlerType.GET, "/api/v1/feedback/{id}/votes", KeyScope.READ, this::votes);
    }

    /** The key the request acts as (a session acts as the key it signed in with). */
    private void session(Context ctx) {
        String name = ctx.attribute(Access.KEY_ATTRIBUTE);
        boolean viaSession = name != null && name.endsWith("(session)");
        String key = viaSession ? name.substring(0, name.length() - "(session)".length()) : name;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("scope", ctx.attribute(Access.SCOPE_ATTRIBUTE));
        m.put("session", viaSession);
        Api.json(ctx, 200, m);
    }

    /**
     * {@code ?period=30d&framework=F&model=M&tag=T&bucket=day&min_support=30}: the overview, answered
     * from its last result while a newer one is computed ({@link RecentAnswers}).
     */
    private void overview(Context ctx) {
        String period = ctx.queryParamAsClass("period", String.class).getOrDefault("30d");
        Overviews.Filter filter = new Overviews.Filter(ctx.queryParam("framework"), ctx.queryParam("model"),
                ctx.queryParam("tag"));
        String bucket = ctx.queryParamAsClass("bucket", String.class).getOrDefault("day");
        int minSupport = Api.intParam(ctx, "min_support", AnalysisOptions.DEFAULT_MIN_SUPPORT, 1, Integer.MAX_VALUE);
        Overviews overviews = loop.overviews();
        overviews.periods(period); // a bad period is a 400 now, not a cached failure
        answers.answer(ctx, "overview " + period + "\n" + filter + "\n" + bucket + "\n" + minSupport,
                () -> dev.feedbackloop.FeedbackJson.write(overviews.overview(period, filter, bucket, minSupport)));
    }

    /**
     * {@code {"ids": [...], "format": "csv"|"jsonl"}}: those entries (at most {@value #MAX_EXPORT}), newest
     * first, as a download in the export formats. Unknown ids are left out.
     */
    private void export(Api api, Context ctx) {
        Map<String, Object> body = api.object(ctx);
        Object ids = body.get("ids");
        if (!(ids instanceof List) || ((List<?>) ids).isEmpty() || ((List<?>) ids).size() > MAX_EXPORT
                || !((List<?>) ids).stream().allMatch(String.class::isInstance)) {
            throw new InvalidInputException("ids must be a list of 1 to " + MAX_EXPORT + " feedback ids", "ids");
        }
        Object format = body.getOrDefault("format", "csv");
        FileFormat f = "csv".equals(format) ? FileFormat.CSV : "jsonl".equals(format) ? FileFormat.JSON_LINES : null;
        if (f == null) {
            throw new InvalidInputException("format must be csv or jsonl, got " + format, "format");
        }
        List<FeedbackEntry> entries = new ArrayList<>();
        for (Object id : new java.util.LinkedHashSet<>((List<?>) ids)) {
            loop.database().findById((String) id).ifPresent(entries::add);
        }
        entries.sort(java.util.Comparator.comparing(FeedbackEntry::timestamp).reversed());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EntryStreams.write(f, entries, out);
        ctx.header("Content-Disposition", "attachment; filename=\"feedback-selection" + f.extension() + "\"");
        ctx.status(200).contentType(f == FileFormat.CSV ? "text/csv; charset=utf-8" : "application/jsonl; charset=utf-8")
                .result(out.toByteArray());
    }

    /** The saved reports of the last {@value #REPORTS_BACK} weeks and months, newest first. */
    private void reports(Context ctx) {
        List<Map<String, Object>> found = new ArrayList<>();
        LocalDate today = LocalDate.now(loop.clock());
        for (int i = 0; i < REPORTS_BACK; i++) {
            LocalDate d = today.minusWeeks(i);
            String week = String.format(Locale.ROOT, "%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR),
                    d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            add(found, ReportPeriod.Kind.WEEKLY, week);
        }
        YearMonth month = YearMonth.now(loop.clock());
        for (int i = 0; i < REPORTS_BACK; i++) {
            add(found, ReportPeriod.Kind.MONTHLY, month.minusMonths(i).toString());
        }
        Api.json(ctx, 200, Map.of("reports", found));
    }

    private void add(List<Map<String, Object>> found, ReportPeriod.Kind kind, String label) {
        if (loop.reporter().saved(kind, label).isPresent()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("period", kind.id());
            m.put("label", label);
            m.put("href", "/api/v1/reports/" + kind.id() + "/" + label);
            found.add(m);
        }
    }

    /**
     * The votes behind an entry: when it is a vote (it has an output_id and a rater_id), the earlier
     * votes of the same rater on the same output that it replaced, oldest first; otherwise none.
     */
    private void votes(Context ctx) {
        String id = ctx.pathParam("id");
        FeedbackEntry e = loop.database().findById(id)
                .orElseThrow(() -> new dev.feedbackloop.NotFoundException("no feedback with feedback_id '" + id + "'"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("output_id", e.outputId());
        m.put("rater_id", e.raterId());
        m.put("replaced", e.outputId() == null || e.raterId() == null ? List.of()
                : loop.database().replacedVotes(e.outputId(), e.raterId()));
        Api.json(ctx, 200, m);
    }

    static final int TREND_DAYS = 90;

    /**
     * Per task type of the router's rules: the decision for a task made of the type's strongest keyword
     * (learning mode, a fixed seed), with each candidate's outcomes, posterior, credible interval and
     * probability of being best, and how the success rate of its routed prompts moved per week over the
     * last {@value #TREND_DAYS} days ({@link dev.feedbackloop.routing.RoutedTrend}). Types whose keyword
     * classifies elsewhere are left out.
     */
    private void router(Context ctx) {
        List<Map<String, Object>> types = new ArrayList<>();
        for (dev.feedbackloop.routing.TaskTypeRule t : loop.router().rules().taskTypes()) {
            String task = t.keywords().entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                    .orElse(null);
            if (task == null) {
                continue;
            }
            dev.feedbackloop.routing.RoutingDecision d = loop.router().route(task,
                    new dev.feedbackloop.routing.RouteOptions(dev.feedbackloop.routing.RouterMode.AUTO, 1L));
            if (!d.taskType().equals(t.name())) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("task_type", t.name());
            m.put("description", t.description());
            m.put("example_task", task);
            m.put("decision", d.toMap(true));
            m.put("trend", loop.router().trend(t.name(), TREND_DAYS));
            types.add(m);
        }
        Api.json(ctx, 200, Map.of("task_types", types));
    }

    /** {@code {"prompt", "framework"?, "days"?}}: the prompt improved from the analysis, with its source and evidence. */
    private void rewrite(Api api, Context ctx) {
        Map<String, Object> body = api.object(ctx);
        Object prompt = body.get("prompt");
        if (!(prompt instanceof String) || ((String) prompt).isBlank()) {
            throw new InvalidInputException("prompt must be a non-empty string", "prompt");
        }
        Object framework = body.get("framework");
        if (framework != null && !(framework instanceof String)) {
            throw new InvalidInputException("framework must be a string", "framework");
        }
        Object days = body.getOrDefault("days", SuggestOptions.DEFAULT_DAYS);
        if (!(days instanceof Integer)) {
            throw new InvalidInputException("days must be an integer", "days");
        }
        SuggestOptions options = new SuggestOptions((String) framework, (Integer) days, SuggestOptions.DEFAULT_MIN_SAMPLES,
                SuggestOptions.DEFAULT_LIMIT, false);
        RewriteReport report = loop.suggester().rewrite(loop.analyzer().analyze(options.days(), options.minSamples()),
                (String) prompt, options);
        Api.json(ctx, 200, report);
    }
}
