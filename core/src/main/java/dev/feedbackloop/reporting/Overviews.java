package dev.feedbackloop.reporting;

import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.analysis.Finding;
import dev.feedbackloop.analysis.GroupTables;
import dev.feedbackloop.analysis.Tally;
import dev.feedbackloop.analysis.WindowAggregate;
import dev.feedbackloop.internal.Parallel;
import dev.feedbackloop.storage.AnalysisRow;
import dev.feedbackloop.storage.FeedbackStore;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The dashboard's overview ({@link PeriodOverview}) of a period: the last 7, 30 or 90 days ending now
 * ({@code 7d}, {@code 30d}, {@code 90d}), an ISO week ({@code 2026-W47}) or a month ({@code 2026-11}),
 * in the clock's zone. Without filters the counts come from the reports' day rollups ({@link DayRollups}:
 * whole days kept in {@code pattern_cache}, brought up to date by reading what was added since), so only
 * today and the partial edge days are scanned. With a framework, model or tag filter the two periods
 * are scanned from the covering index (the rollups keep each group's totals, not their intersections).
 * Nothing is saved but rollups. Thread-safe if the store is.
 */
public final class Overviews {
    private static final Pattern ROLLING = Pattern.compile("(7|30|90)d");

    private final FeedbackStore store;
    private final Clock clock;

    public Overviews(FeedbackStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The filters of an overview; null fields do not filter. An entry matches when it has all of them. */
    public record Filter(String framework, String model, String tag) {
        public static final Filter NONE = new Filter(null, null, null);

        public Filter {
            framework = blankToNull(framework);
            model = blankToNull(model);
            tag = blankToNull(tag);
        }

        boolean none() {
            return framework == null && model == null && tag == null;
        }

        boolean matches(AnalysisRow row) {
            return (framework == null || framework.equals(row.framework()))
                    && (model == null || model.equals(row.model()))
                    && (tag == null || row.tags().contains(tag));
        }

        Map<String, String> toMap() {
            Map<String, String> m = new LinkedHashMap<>();
            if (framework != null) {
                m.put("framework", framework);
            }
            if (model != null) {
                m.put("model", model);
            }
            if (tag != null) {
                m.put("tag", tag);
            }
            return m;
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }

    /**
     * The period named {@code text} and the one just before it (same length; the previous week or month).
     *
     * @throws InvalidInputException naming the accepted forms
     */
    public ReportPeriod[] periods(String text) {
        String t = text == null ? "30d" : text.strip();
        ReportPeriod now;
        if (ROLLING.matcher(t).matches()) {
            int days = Integer.parseInt(t.substring(0, t.length() - 1));
            Instant end = clock.instant();
            now = new ReportPeriod(t, days <= 7 ? ReportPeriod.Kind.WEEKLY : ReportPeriod.Kind.MONTHLY,
                    end.minus(Duration.ofDays(days)), end, false);
        } else if (t.contains("-W")) {
            now = ReportPeriod.isoWeek(t, clock.getZone());
        } else if (t.matches("\\d{4}-\\d{2}")) {
            now = ReportPeriod.month(t, clock.getZone());
        } else {
            throw new InvalidInputException("period must be 7d, 30d, 90d, an ISO week (2026-W47) or a month (2026-11),"
                    + " got '" + text + "'", "period");
        }
        return new ReportPeriod[] {now, now.previous(clock.getZone())};
    }

    /**
     * The overview of {@code period} for the entries matching {@code filter}.
     *
     * @param bucket     {@code day} or {@code week}
     * @param minSupport groups smaller than this are listed but never called significant
     * @throws InvalidInputException for an unknown period or bucket
     */
    public PeriodOverview overview(String period, Filter filter, String bucket, int minSupport) {
        if (!bucket.equals("day") && !bucket.equals("week")) {
            throw new InvalidInputException("bucket must be day or week, got '" + bucket + "'", "bucket");
        }
        ReportPeriod[] p = periods(period);
        ReportPeriod cur = p[0];
        ReportPeriod before = p[1];
        Instant now = clock.instant();
        WindowAggregate agg;
        Tally prev;
        if (filter.none()) {
            // as the reports do: the period before gets rollups of its own only once this one has them
            DayRollups rollups = new DayRollups(store, clock.getZone());
            if (rollups.complete(cur.start(), cur.end(), now)) {
                agg = rollups.aggregate(cur.start(), cur.end(), now);
                prev = rollups.totals(before.start(), before.end(), now);
            } else {
                Tally[] previous = new Tally[1];
                WindowAggregate[] current = new WindowAggregate[1];
                Parallel.run(() -> previous[0] = new DayRollups(store, clock.getZone()).overall(before.start(),
                        before.end(), now), () -> current[0] = rollups.aggregate(cur.start(), cur.end(), now));
                agg = current[0];
                prev = previous[0];
            }
        } else {
            agg = new WindowAggregate(clock.getZone(), 0, 0);
            prev = new Tally();
            WindowAggregate into = agg;
            Tally previous = prev;
            Predicate<AnalysisRow> match = filter::matches;
            store.scan(before.start(), cur.end(), row -> {
                if (match.test(row)) {
                    if (row.timestamp().isBefore(before.end())) {
                        previous.add(row.rating(), row.outcome());
                    } else if (!row.timestamp().isBefore(cur.start())) {
                        into.accept(row);
                    }
                }
            });
        }
        Tally all = agg.overall();
        GroupTables tables = GroupTables.of(agg, minSupport, false);
        List<Finding> findings = new ArrayList<>(tables.comparisons().findings(minSupport));
        findings.sort(Comparator.comparing((Finding f) -> !f.significant()).thenComparingDouble(Finding::qValue));
        return new PeriodOverview(period == null ? "30d" : period.strip(), cur.start(), cur.end(), filter.toMap(),
                totals(cur, all), totals(before, prev), Reporter.change(all, prev), bucket,
                points(agg.days(), bucket.equals("week")), tables.frameworks(), tables.models(), tables.tags(), findings,
                agg.taskTypes(minSupport), minSupport, now);
    }

    private static PeriodOverview.Totals totals(ReportPeriod p, Tally t) {
        return new PeriodOverview.Totals(p.start(), p.end(), t.count(), t.positive(), t.negative(), t.successRate(),
                t.ci(), t.avgRating());
    }

    private static List<PeriodOverview.Point> points(Map<LocalDate, Tally> days, boolean weekly) {
        Map<LocalDate, Tally> buckets = days;
        if (weekly) {
            buckets = new TreeMap<>();
            for (Map.Entry<LocalDate, Tally> e : days.entrySet()) {
                buckets.computeIfAbsent(e.getKey().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                        k -> new Tally()).add(e.getValue());
            }
        }
        List<PeriodOverview.Point> out = new ArrayList<>(buckets.size());
        buckets.forEach((d, t) -> out.add(new PeriodOverview.Point(d, t.count(), t.successRate(), t.ci(), t.avgRating())));
        return out;
    }
}
