package dev.feedbackloop.reporting;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.analysis.AnalysisJson;
import dev.feedbackloop.analysis.AnalysisOptions;
import dev.feedbackloop.analysis.AnalysisWindow;
import dev.feedbackloop.analysis.Figures;
import dev.feedbackloop.analysis.Finding;
import dev.feedbackloop.analysis.GroupTables;
import dev.feedbackloop.analysis.Recommendation;
import dev.feedbackloop.analysis.Recommender;
import dev.feedbackloop.analysis.Tally;
import dev.feedbackloop.analysis.TaskTyping;
import dev.feedbackloop.analysis.WindowAggregate;
import dev.feedbackloop.analysis.stats.Proportions;
import dev.feedbackloop.internal.AtomicFiles;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.internal.Parallel;
import dev.feedbackloop.reporting.ImprovementReport.Change;
import dev.feedbackloop.reporting.ImprovementReport.DailyPoint;
import dev.feedbackloop.reporting.ImprovementReport.PeriodSummary;
import dev.feedbackloop.storage.DataVersion;
import dev.feedbackloop.storage.FeedbackStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The specification's {@code generate_report}: totals of a week or month, the change against the
 * period before, top performers and problem areas ranked by success rate with intervals, and action
 * items from significant findings. Every report is saved in the {@code reports} table, so that the one
 * saved last under a label is the one handed out last (a repeated report answered from the cache as it
 * was is saved again only when another one was saved under its label since). Calendar periods and daily
 * points use the clock's zone. Whole days are counted once and kept as day rollups in {@code
 * pattern_cache} (see {@link DayRollups}), so later reports read only what is new; the last report of
 * each kind is cached there too (see {@link #generate(ReportPeriod, int)}). Prompt-length quartiles are
 * left to the analysis. Thread-safe if the store is.
 */
public final class Reporter {
    /** Top performers and problem areas listed per kind (framework, model, tag). */
    static final int RANKED = 3;

    private final FeedbackStore store;
    private final Clock clock;
    private final TaskTyping typing;

    /** Entries without a routed task type are typed by the classifier of the bundled routing rules. */
    public Reporter(FeedbackStore store, Clock clock) {
        this(store, clock, null);
    }

    /** @param notes told, in one line, of long one-time work ({@link TaskTyping}); null: nobody */
    public Reporter(FeedbackStore store, Clock clock, Consumer<String> notes) {
        this.store = store;
        this.clock = clock;
        this.typing = new TaskTyping(store, notes);
    }

    /** The last 7 or 30 days ending now. */
    public ReportPeriod rolling(ReportPeriod.Kind kind) {
        return ReportPeriod.rolling(kind, clock);
    }

    /**
     * As the specification: {@code "weekly"} or {@code "monthly"}, written to {@code outputFile} when it
     * is not null, as JSON unless its extension asks for another format (.md, .html, .txt); atomically,
     * so a failed write leaves no partial file.
     *
     * @throws dev.feedbackloop.InvalidInputException for another period name
     */
    public ImprovementReport generate(String period, Path outputFile) {
        ImprovementReport report = generate(rolling(ReportPeriod.Kind.parse(period)), AnalysisOptions.DEFAULT_MIN_SUPPORT);
        if (outputFile != null) {
            AtomicFiles.write(outputFile, ReportFormat.ofFile(outputFile).orElse(ReportFormat.JSON)
                    .render(report, clock.getZone()));
        }
        return report;
    }

    /**
     * The report saved last for the calendar period {@code label} of {@code kind} ({@code 2026-W48} for
     * weekly, {@code 2026-11} for monthly), as saved (the JSON of {@link AnalysisJson}); empty when none
     * was generated for it.
     *
     * @throws dev.feedbackloop.InvalidInputException when the label is not a period of that kind
     */
    public Optional<String> saved(ReportPeriod.Kind kind, String label) {
        ReportPeriod period = kind == ReportPeriod.Kind.WEEKLY ? ReportPeriod.isoWeek(label, clock.getZone())
                : ReportPeriod.month(label, clock.getZone());
        return store.savedReport(period.label());
    }

    /**
     * Computes, saves and returns the report of {@code period}. An empty period gives a report of zeros.
     *
     * <p>The last report of each period kind (rolling or calendar), support and zone is cached in
     * {@code pattern_cache} under the store's data version. A repeated report is answered from it when
     * no entry was added, changed or removed since, as the analysis is ({@link
     * dev.feedbackloop.analysis.Analyzer}): a rolling period that ended at most 1/100 of its length ago
     * (1.7 hours for a week, 7.2 for 30 days) is returned as it was, with its own dates and
     * {@code generatedAt} (entries only age out of a rolling period, on a busy store every few seconds);
     * later, renewed for the period ending now if no entry lies in the ranges the period and the period
     * before it slid over, so that both cover the same entries and the figures are exactly those a new
     * computation gives. A calendar period is returned as it was. Every computed or renewed report is saved.
     */
    public ImprovementReport generate(ReportPeriod period, int minSupport) {
        AnalysisJson.warmUp(ImprovementReport.class);
        Answer answer = answer(period, minSupport);
        return answer.computed() != null ? answer.computed() : AnalysisJson.read(answer.json(), ImprovementReport.class);
    }

    /**
     * As {@link #generate(ReportPeriod, int)}, as JSON ({@link AnalysisJson}), for callers that only pass
     * it on: a report from the cache is returned without building the objects.
     */
    public String generateJson(ReportPeriod period, int minSupport) {
        return answer(period, minSupport).json();
    }

    /** A report as JSON, and as objects when it was computed now (null when it came from the cache). */
    private record Answer(String json, ImprovementReport computed) {
    }

    private Answer answer(ReportPeriod period, int minSupport) {
        ReportPeriod before = period.previous(clock.getZone());
        Instant now = clock.instant();
        String key = cacheKey(period, minSupport, clock.getZone());
        DataVersion version = store.dataVersion();
        Optional<String> cached = store.cached(key, version);
        Hit hit = cached.map(json -> fromCache(json, period, before, now)).orElse(null);
        if (hit != null) {
            if (hit.renewed()) { // later requests compare with this one: shorter ranges to look at
                store.putCache(key, version, hit.json());
                store.saveReport(period.label(), period.start(), period.end(), hit.json());
            } else if (!store.savedReport(hit.dated().label()).map(hit.json()::equals).orElse(false)) {
                // another report with its label was saved since (a calendar week and the rolling one ending in it)
                store.saveReport(hit.dated().label(), hit.dated().start(), hit.dated().end(), hit.json());
            }
            return new Answer(hit.json(), null);
        }
        ImprovementReport report = compute(period, before, minSupport, now);
        String json = AnalysisJson.write(report);
        store.putCache(key, version, json);
        store.saveReport(period.label(), period.start(), period.end(), json);
        return new Answer(json, report);
    }

    /** Where the last report of this kind of period is cached (a rolling one by its length too). */
    static String cacheKey(ReportPeriod period, int minSupport, ZoneId zone) {
        return "report/v1/" + (period.calendar() ? period.label() : "rolling-" + period.kind().id() + "-"
                + Duration.between(period.start(), period.end()).toSeconds() + "s")
                + "/min_support=" + minSupport + "/zone=" + zone.getId();
    }

    /**
     * A report from the cache as JSON, with the period it states; {@code renewed}: for the period asked
     * for, else as it was.
     */
    private record Hit(String json, Dated dated, boolean renewed) {
    }

    /** The label and dates a report states. */
    private record Dated(String label, Instant start, Instant end) {
    }

    /**
     * The cached report of the same data version as it was or renewed for {@code period} (see {@link
     * #generate(ReportPeriod, int)}); null when it cannot be read or the entries of the period or the one
     * before may differ from those it counted.
     */
    private Hit fromCache(String json, ReportPeriod period, ReportPeriod before, Instant now) {
        Dated was = dated(json);
        if (was == null || !Duration.between(was.start(), was.end()).equals(Duration.between(period.start(), period.end()))) {
            return null; // unreadable (written by another version), or of another length: computed again
        }
        if (period.calendar()) {
            return was.start().equals(period.start()) && was.end().equals(period.end()) ? new Hit(json, was, false) : null;
        }
        if (period.end().isBefore(was.end())) {
            return null;
        }
        if (AnalysisWindow.stillAsItWas(was.end(), period.end(), Duration.between(period.start(), period.end()))) {
            return new Hit(json, was, false);
        }
        ObjectNode report = AnalysisJson.read(json, ObjectNode.class);
        ObjectNode previous = (ObjectNode) report.path("previous");
        boolean sameEntries = store.noneBetween(Instant.parse(previous.path("start_date").asText()), before.start())
                && store.noneBetween(was.start(), period.start())
                && store.noneBetween(was.end(), period.end());
        if (!sameEntries) {
            return null;
        }
        dated(report, period);
        dated(previous, before);
        report.set("generated_at", AnalysisJson.mapper().valueToTree(now));
        return new Hit(AnalysisJson.write(report), new Dated(period.label(), period.start(), period.end()), true);
    }

    /**
     * The label and dates of a report, read without reading the rest (they come first); null when the
     * text is not such a report.
     */
    private static Dated dated(String json) {
        String label = null;
        Instant start = null;
        Instant end = null;
        try (JsonParser p = Json.FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME && (label == null || start == null || end == null)) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "period" -> label = p.getText();
                    case "start_date" -> start = Instant.parse(p.getText());
                    case "end_date" -> end = Instant.parse(p.getText());
                    default -> p.skipChildren();
                }
            }
            return label == null || start == null || end == null ? null : new Dated(label, start, end);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Gives a report's or a period summary's JSON the label and dates of {@code period}. */
    private static void dated(ObjectNode node, ReportPeriod period) {
        node.put("period", period.label());
        node.set("start_date", AnalysisJson.mapper().valueToTree(period.start()));
        node.set("end_date", AnalysisJson.mapper().valueToTree(period.end()));
    }

    private ImprovementReport compute(ReportPeriod period, ReportPeriod before, int minSupport, Instant now) {
        // The period before gets rollups of its own only once this one has them: a first report counts once.
        DayRollups rollups = new DayRollups(store, clock.getZone(), typing);
        WindowAggregate agg;
        Tally prev;
        if (rollups.complete(period.start(), period.end(), now)) {
            agg = rollups.aggregate(period.start(), period.end(), now);
            prev = rollups.totals(before.start(), before.end(), now);
        } else {
            Tally[] previous = new Tally[1];
            WindowAggregate[] current = new WindowAggregate[1];
            Parallel.run(() -> previous[0] = new DayRollups(store, clock.getZone(), typing).overall(before.start(), before.end(), now),
                    () -> current[0] = rollups.aggregate(period.start(), period.end(), now));
            agg = current[0];
            prev = previous[0];
        }
        Tally all = agg.overall();
        GroupTables tables = GroupTables.of(agg, minSupport, false);
        List<Finding> findings = tables.comparisons().findings(minSupport);
        Change change = change(all, prev);
        List<Recommendation> items = actionItems(findings, all, prev, change, minSupport);
        Rankings rankings = Rankings.of(tables, findings, all, RANKED, agg.stratumCounts());
        return new ImprovementReport(period.label(), period.start(), period.end(), all.count(),
                all.avgRating(), all.successRate(), improvement(all, prev), rankings.top(), rankings.problems(),
                items.stream().map(Recommendation::text).toList(), period.kind().id(), all.ci(),
                new PeriodSummary(before.label(), before.start(), before.end(), prev.count(), prev.avgRating(),
                        prev.successRate(), prev.ci()),
                change, daily(agg.days()), tables.frameworks(), tables.tags(), tables.models(), findings, items,
                minSupport, now);
    }

    /** Relative change in percent; null when there is nothing to compare with. */
    static Double improvement(Tally now, Tally prev) {
        if (prev.positive() == 0) {
            return null;
        }
        return (now.successRate() - prev.successRate()) / prev.successRate() * 100.0;
    }

    static Change change(Tally now, Tally prev) {
        if (now.count() == 0 || prev.count() == 0) {
            return null;
        }
        var ci = Proportions.difference(now.positive(), now.count(), prev.positive(), prev.count());
        double p = Proportions.pValue(now.positive(), now.count(), prev.positive(), prev.count());
        return new Change((now.successRate() - prev.successRate()) * 100,
                new dev.feedbackloop.analysis.Interval(ci.low() * 100, ci.high() * 100), p, p < 0.05);
    }

    private static List<Recommendation> actionItems(List<Finding> findings, Tally all, Tally prev, Change change,
            int minSupport) {
        List<Recommendation> items = new ArrayList<>();
        if (all.count() == 0) {
            items.add(new Recommendation("No feedback in this period: capture some before the next report",
                    "0 entries between the period's start and end"));
            return items;
        }
        if (change != null && change.significant()) {
            boolean down = change.points() < 0;
            items.add(new Recommendation(String.format(Locale.ROOT, "Success rate %s %.1f points against the "
                            + "previous period%s", down ? "fell" : "rose", Math.abs(change.points()),
                    down ? ": find what changed" : ": keep what changed"),
                    String.format(Locale.ROOT, "%s of %s now vs %s of %s before; difference %+.1f points "
                                    + "[%+.1f, %+.1f], p = %s", Figures.pct(all.successRate()), Figures.count(all.count()),
                            Figures.pct(prev.successRate()), Figures.count(prev.count()), change.points(),
                            change.ci().low(), change.ci().high(), Figures.p(change.pValue()))));
        }
        items.addAll(Recommender.recommend(findings, all, minSupport));
        return items;
    }

    private static List<DailyPoint> daily(Map<LocalDate, Tally> days) {
        List<DailyPoint> out = new ArrayList<>(days.size());
        days.forEach((date, t) -> out.add(new DailyPoint(date, t.count(), t.successRate(), t.ci())));
        return out;
    }
}
