package dev.feedbackloop.server;

import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.NotFoundException;
import dev.feedbackloop.access.KeyScope;
import dev.feedbackloop.analysis.AnalysisOptions;
import dev.feedbackloop.reporting.ReportPeriod;
import dev.feedbackloop.reporting.Reporter;
import dev.feedbackloop.routing.RoutingDecision;
import dev.feedbackloop.suggestions.SuggestOptions;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the data says: statistics, the pattern analysis, improvement reports, suggestions and the
 * prompt router, each answered by the front door with the same JSON as the command's {@code --json}.
 */
final class AnalysisRoutes {
    private final FeedbackLoop loop;
    private final RecentAnswers answers;

    /** @param answers where statistics and analyses are answered from while newer ones are computed */
    AnalysisRoutes(FeedbackLoop loop, RecentAnswers answers) {
        this.loop = loop;
        this.answers = answers;
    }

    void register(Api api) {
        api.add(HandlerType.GET, "/api/v1/stats", KeyScope.READ, this::stats);
        api.add(HandlerType.GET, "/api/v1/analysis", KeyScope.READ, this::analysis);
        api.add(HandlerType.GET, "/api/v1/reports/{period}", KeyScope.READ, this::report);
        api.add(HandlerType.GET, "/api/v1/reports/{period}/{label}", KeyScope.READ, this::savedReport);
        api.add(HandlerType.POST, "/api/v1/suggestions", KeyScope.READ, ctx -> suggestions(api, ctx));
        api.add(HandlerType.POST, "/api/v1/route", KeyScope.READ, ctx -> route(api, ctx, false));
        api.add(HandlerType.POST, "/api/v1/enhance", KeyScope.READ, ctx -> route(api, ctx, true));
    }

    private void stats(Context ctx) {
        Instant since = Api.instantParam(ctx, "since");
        Instant until = Api.instantParam(ctx, "until");
        answers.answer(ctx, "stats " + since + " " + until,
                () -> FeedbackJson.write(loop.database().statistics(since, until)));
    }

    private void analysis(Context ctx) {
        int days = Api.intParam(ctx, "days", AnalysisOptions.DEFAULT_DAYS, 1, AnalysisOptions.MAX_DAYS);
        int minSamples = Api.intParam(ctx, "min_samples", AnalysisOptions.DEFAULT_MIN_SAMPLES, 1, Integer.MAX_VALUE);
        AnalysisOptions options = AnalysisOptions.of(days, minSamples);
        answers.answer(ctx, "analysis " + days + " " + minSamples, () -> loop.analyzer().analyzeJson(options));
    }

    /** The report of the last 7 or 30 days, computed or from the cache ({@link Reporter#generate}), passed on as JSON. */
    private void report(Context ctx) {
        Reporter reporter = loop.reporter();
        ReportPeriod period = reporter.rolling(ReportPeriod.Kind.parse(ctx.pathParam("period")));
        Api.json(ctx, 200, reporter.generateJson(period, AnalysisOptions.DEFAULT_MIN_SUPPORT));
    }

    /** A report generated earlier, by its period: {@code /reports/weekly/2026-W48}, {@code /reports/monthly/2026-11}. */
    private void savedReport(Context ctx) {
        ReportPeriod.Kind kind = ReportPeriod.Kind.parse(ctx.pathParam("period"));
        String label = ctx.pathParam("label");
        String json = loop.reporter().saved(kind, label).orElseThrow(() -> new NotFoundException("no " + kind.id()
                + " report for " + label + " has been generated (GET /api/v1/reports/" + kind.id() + " makes one"
                + " for the current period)"));
        String format = ctx.queryParamAsClass("format", String.class).getOrDefault("json");
        boolean download = "true".equals(ctx.queryParam("download"));
        String file = "report-" + label;
        if (format.equals("json")) {
            if (download) {
                ctx.header("Content-Disposition", "attachment; filename=\"" + file + ".json\"");
            }
            Api.json(ctx, 200, json);
            return;
        }
        dev.feedbackloop.reporting.ReportFormat f = switch (format) {
            case "html" -> dev.feedbackloop.reporting.ReportFormat.HTML;
            case "markdown" -> dev.feedbackloop.reporting.ReportFormat.MARKDOWN;
            case "text" -> dev.feedbackloop.reporting.ReportFormat.TEXT;
            default -> throw new InvalidInputException("format must be json, html, markdown or text, got '" + format + "'",
                    "format");
        };
        String body = f.render(dev.feedbackloop.analysis.AnalysisJson.read(json,
                dev.feedbackloop.reporting.ImprovementReport.class), loop.clock().getZone());
        String ext = f == dev.feedbackloop.reporting.ReportFormat.HTML ? ".html"
                : f == dev.feedbackloop.reporting.ReportFormat.MARKDOWN ? ".md" : ".txt";
        if (download) {
            ctx.header("Content-Disposition", "attachment; filename=\"" + file + ext + "\"");
        }
        // a self-contained report: its own inline styles and SVG, no scripts, shown sandboxed
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.status(200).contentType(f == dev.feedbackloop.reporting.ReportFormat.HTML ? "text/html; charset=utf-8"
                : f == dev.feedbackloop.reporting.ReportFormat.MARKDOWN ? "text/markdown; charset=utf-8"
                : "text/plain; charset=utf-8").result(body);
    }

    private void suggestions(Api api, Context ctx) {
        Map<String, Object> body = api.object(ctx);
        Object framework = body.get("framework");
        if (framework != null && !(framework instanceof String)) {
            throw new InvalidInputException("framework must be a string", "framework");
        }
        SuggestOptions options = new SuggestOptions((String) framework, number(body, "days", SuggestOptions.DEFAULT_DAYS),
                number(body, "min_samples", SuggestOptions.DEFAULT_MIN_SAMPLES),
                number(body, "limit", SuggestOptions.DEFAULT_LIMIT), false);
        Api.json(ctx, 200, loop.suggester().suggest(options));
    }

    /** {@code {"task": "..."}}: the routing decision, or with {@code enhance} also the enhanced prompt. */
    private void route(Api api, Context ctx, boolean enhance) {
        Map<String, Object> body = api.object(ctx);
        Object task = body.get("task");
        boolean explain = Boolean.TRUE.equals(body.get("explain"));
        if (!(task instanceof String) || ((String) task).isBlank()) {
            throw new InvalidInputException("task must be a non-empty string", "task");
        }
        RoutingDecision d = loop.routePrompt((String) task);
        if (!enhance) {
            Api.json(ctx, 200, explain ? d.toMap(true) : (Object) d);
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", task);
        m.put("routing", d.toMap(false));
        m.put("enhanced_prompt", loop.buildEnhancedPrompt((String) task, d));
        Api.json(ctx, 200, m);
    }

    private static int number(Map<String, Object> body, String name, int fallback) {
        Object v = body.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Integer)) {
            throw new InvalidInputException(name + " must be an integer", name);
        }
        return (Integer) v;
    }
}
