package dev.feedbackloop.alerts;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.InsufficientDataException;
import dev.feedbackloop.analysis.AnalysisOptions;
import dev.feedbackloop.internal.AtomicFiles;
import dev.feedbackloop.reporting.ImprovementReport;
import dev.feedbackloop.reporting.ReportFormat;
import dev.feedbackloop.reporting.ReportPeriod;
import dev.feedbackloop.reporting.Reporter;
import dev.feedbackloop.suggestions.Suggester;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The automated review: the report of the last whole calendar week (or month) stored in
 * {@code reports}, suggestions attached, the HTML report kept as a file, and the event that delivers
 * it. Thread-safe if its parts are.
 */
public final class Reviews {
    private static final int SUGGESTIONS = 5;

    private final Supplier<Reporter> reporter;
    private final Supplier<Suggester> suggester;
    private final Clock clock;
    private final Path reportsDir;

    /** @param reportsDir where HTML reports are kept ({@code weekly-2026-W49.html}) */
    public Reviews(Supplier<Reporter> reporter, Supplier<Suggester> suggester, Clock clock, Path reportsDir) {
        this.reporter = reporter;
        this.suggester = suggester;
        this.clock = clock;
        this.reportsDir = reportsDir;
    }

    /**
     * A review done.
     *
     * @param suggestions empty, with {@code note} saying why, when the period held too little data
     * @param event       what is delivered (title, lines, link, and the figures)
     */
    public record Review(ImprovementReport report, List<Map<String, String>> suggestions, String note, Path html,
            String eventKey, Map<String, Object> event) {
    }

    /** The last whole week (Monday to Monday) or month before the clock's today, in the clock's zone. */
    public ReportPeriod lastWhole(ReportPeriod.Kind kind) {
        LocalDate today = LocalDate.now(clock);
        if (kind == ReportPeriod.Kind.WEEKLY) {
            LocalDate lastWeek = today.minusWeeks(1);
            return ReportPeriod.isoWeek(String.format(Locale.ROOT, "%d-W%02d", lastWeek.get(IsoFields.WEEK_BASED_YEAR),
                    lastWeek.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)), clock.getZone());
        }
        return ReportPeriod.month(YearMonth.from(today).minusMonths(1).toString(), clock.getZone());
    }

    /** Runs the review of the last whole period of {@code kind}. */
    public Review run(ReportPeriod.Kind kind) {
        ReportPeriod period = lastWhole(kind);
        ImprovementReport report = reporter.get().generate(period, AnalysisOptions.DEFAULT_MIN_SUPPORT);
        List<Map<String, String>> suggestions = List.of();
        String note = null;
        try {
            // the period's own entries, as the report's (not the last N days before now)
            suggestions = suggester.get().suggestImprovements(period.start(), period.end(), SUGGESTIONS);
        } catch (InsufficientDataException e) {
            note = e.getMessage();
        }
        Path html = reportsDir.resolve(kind.id() + "-" + report.period() + ".html");
        AtomicFiles.write(html, ReportFormat.HTML.render(report, clock.getZone()));
        String key = "review/" + kind.id() + "/" + report.period();
        return new Review(report, suggestions, note, html, key, event(kind, report, suggestions, note, html, key));
    }

    private Map<String, Object> event(ReportPeriod.Kind kind, ImprovementReport r, List<Map<String, String>> suggestions,
            String note, Path html, String key) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%d votes, success rate %.1f%% (95%% CI %.1f-%.1f%%)", r.totalPrompts(),
                100 * r.successRate(), 100 * r.successRateCi().low(), 100 * r.successRateCi().high()));
        if (r.change() != null) {
            lines.add(String.format(Locale.ROOT, "Against %s: %+.1f points (95%% CI %+.1f to %+.1f)%s", r.previous().period(),
                    r.change().points(), r.change().ci().low(), r.change().ci().high(),
                    r.change().significant() ? ", significant" : ", within noise"));
        }
        for (ImprovementReport.RankedGroup g : r.problemAreas()) {
            if (g.significant()) {
                lines.add(String.format(Locale.ROOT, "Problem area: %s %s at %.1f%% on %d votes", g.kind(), g.name(),
                        100 * g.successRate(), g.count()));
            }
        }
        r.actionItems().stream().limit(3).forEach(item -> lines.add("Action: " + item));
        suggestions.stream().limit(3).forEach(s -> lines.add("Suggestion: " + s.get("technique")));
        if (note != null) {
            lines.add(note);
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "review");
        e.put("title", (kind == ReportPeriod.Kind.WEEKLY ? "Weekly" : "Monthly") + " review " + r.period());
        e.put("lines", lines);
        e.put("link", "/?period=" + r.period());
        e.put("event_key", key);
        e.put("period", r.period());
        e.put("report", FeedbackJson.readObject(FeedbackJson.write(r), "report"));
        e.put("suggestions", suggestions);
        e.put("html_report", html.toString());
        return e;
    }
}
