package dev.feedbackloop.alerts;

import dev.feedbackloop.analysis.Interval;
import dev.feedbackloop.analysis.stats.Proportions;
import dev.feedbackloop.capture.Outcome;
import dev.feedbackloop.storage.AnalysisRow;
import dev.feedbackloop.storage.EntryText;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.privacy.Redactor;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The daily look for drops in success rate: overall and in each framework, model and tag with
 * enough votes in the baseline, with {@link DropDetector}. Watches run {@code horizonDays} days from
 * an anchor day kept in the settings (the first look's day), each against the {@code baselineDays}
 * before it. A look reads whole days only (up to yesterday, in the clock's zone), so looking again
 * the same day changes nothing. An alarm is kept once per group and watch
 * ({@code drop/KIND/NAME/WATCH-START}); {@link #check()} returns the alarms that are new.
 * Thread-safe if the store is.
 */
public final class AlertMonitor {
    static final String ANCHOR = "alerts.anchor";
    private static final int FINDINGS = 3;
    private static final int EXAMPLES = 3;
    private static final int EXAMPLE_CHARS = 200;

    private final FeedbackStore store;
    private final Clock clock;
    private final AlertSettings settings;

    public AlertMonitor(FeedbackStore store, Clock clock, AlertSettings settings) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
    }

    /** One group's state at a look. */
    public record GroupStatus(Group group, long baselineVotes, double baselineRate, double testedAgainst,
            long watchVotes, double watchRate, double logE, boolean alarmed) {
    }

    /** A look: the watch it belongs to, every group watched, and the alerts raised now for the first time. */
    public record Check(LocalDate day, LocalDate watchStart, int looks, int groupsWatched, double logThreshold,
            List<GroupStatus> groups, List<Map<String, Object>> raised) {
    }

    /** Looks once; keeps and returns the new alerts (each a JSON-ready map, see docs/alerts.md). */
    public Check check() {
        ZoneId zone = clock.getZone();
        LocalDate today = LocalDate.now(clock);
        LocalDate anchor = LocalDate.parse(store.settingIfAbsent(ANCHOR, today.toString()));
        long elapsed = ChronoUnit.DAYS.between(anchor, today);
        int horizon = settings.horizonDays();
        long watch = elapsed <= 0 ? 0 : (elapsed - 1) / horizon;
        LocalDate start = anchor.plusDays(watch * horizon);
        int looks = (int) Math.max(0, ChronoUnit.DAYS.between(start, today));
        LocalDate baselineStart = start.minusDays(settings.baselineDays());
        Map<Group, Counts> counts = count(baselineStart, start, today, looks, zone);

        List<Group> watched = counts.entrySet().stream().filter(e -> e.getValue().baseN >= settings.minSupport())
                .map(Map.Entry::getKey).sorted(Comparator.comparing(Group::kind).thenComparing(Group::name)).toList();
        DropDetector detector = new DropDetector(horizon, Math.max(1, watched.size()), settings.alpha(), 0.2);
        List<GroupStatus> statuses = new ArrayList<>();
        List<Map<String, Object>> raised = new ArrayList<>();
        for (Group g : watched) {
            Counts c = counts.get(g);
            double p0 = settings.fixedBaseline() != null ? settings.fixedBaseline() : detector.baselineBound(c.baseX, c.baseN);
            DropDetector.Detection d = detector.run(p0, c.x, c.n);
            long wx = sum(c.x, 0, looks);
            long wn = sum(c.n, 0, looks);
            statuses.add(new GroupStatus(g, c.baseN, rate(c.baseX, c.baseN), p0, wn, rate(wx, wn), d.logE(), d.alarmed()));
            if (d.alarmed()) {
                LocalDate since = start.plusDays(d.since());
                String key = "drop/" + g.kind() + "/" + g.name() + "/" + start;
                Map<String, Object> alert = describe(key, g, c, d, start, baselineStart, since, today,
                        watched.size(), zone);
                if (store.alertStore().saveAlert(key, clock.instant(), dev.feedbackloop.FeedbackJson.write(alert))) {
                    raised.add(alert);
                }
            }
        }
        return new Check(today, start, looks, watched.size(), detector.logThreshold(), statuses, raised);
    }

    private static final class Counts {
        long baseX;
        long baseN;
        final long[] x;
        final long[] n;

        Counts(int looks) {
            x = new long[looks];
            n = new long[looks];
        }
    }

    private Map<Group, Counts> count(LocalDate baselineStart, LocalDate start, LocalDate today, int looks, ZoneId zone) {
        Map<Group, Counts> counts = new HashMap<>();
        store.scan(startOf(baselineStart, zone), startOf(today, zone), row -> {
            LocalDate day = LocalDate.ofInstant(row.timestamp(), zone);
            boolean success = row.outcome() == Outcome.POSITIVE;
            int look = (int) ChronoUnit.DAYS.between(start, day);
            for (Group g : Group.of(row)) {
                Counts c = counts.computeIfAbsent(g, k -> new Counts(looks));
                if (look < 0) {
                    c.baseN++;
                    c.baseX += success ? 1 : 0;
                } else if (look < looks) {
                    c.n[look]++;
                    c.x[look] += success ? 1 : 0;
                }
            }
        });
        return counts;
    }

    /** What dropped, from what to what with intervals, since when, how sure, what explains it, where to look. */
    private Map<String, Object> describe(String key, Group g, Counts c, DropDetector.Detection d, LocalDate start,
            LocalDate baselineStart, LocalDate since, LocalDate today, int groups, ZoneId zone) {
        int from = (int) ChronoUnit.DAYS.between(start, since);
        long sx = sum(c.x, from, d.alarmDay() + 1);
        long sn = sum(c.n, from, d.alarmDay() + 1);
        Interval baseCi = Proportions.wilson(c.baseX, c.baseN);
        Interval nowCi = Proportions.wilson(sx, sn);
        Interval diff = Proportions.difference(sx, sn, c.baseX, c.baseN);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("alert_key", key);
        a.put("type", "success_rate_drop");
        a.put("group", Map.of("kind", g.kind(), "name", g.name()));
        a.put("summary", String.format(java.util.Locale.ROOT,
                "Success rate of %s dropped from %.1f%% to %.1f%% (%+.1f points) since %s", g.label(),
                100 * rate(c.baseX, c.baseN), 100 * rate(sx, sn), 100 * (rate(sx, sn) - rate(c.baseX, c.baseN)), since));
        a.put("baseline", period(baselineStart, start, c.baseX, c.baseN, baseCi));
        a.put("current", period(since, start.plusDays(d.alarmDay() + 1), sx, sn, nowCi));
        a.put("difference_points", Map.of("estimate", round(100 * (rate(sx, sn) - rate(c.baseX, c.baseN))),
                "ci95", List.of(round(100 * diff.low()), round(100 * diff.high()))));
        a.put("since", since.toString());
        a.put("detected_on", start.plusDays(d.alarmDay()).toString());
        double e = Math.exp(Math.min(700, d.logE()));
        a.put("evidence", Map.of(
                "e_value", e,
                "threshold", Math.exp(d.logThreshold()),
                "tested_against_rate", round(d.p0()),
                "statement", String.format(java.util.Locale.ROOT, "alarms only when the evidence passes %.0f: over %d "
                        + "daily looks at %d groups the chance of any false alarm is at most %.0f%%",
                        Math.exp(d.logThreshold()), settings.horizonDays(), groups, 100 * settings.alpha()),
                "method", "docs/alerts.md"));
        Explanation why = explain(g, baselineStart, start, since, today, zone);
        a.put("findings", why.findings);
        a.put("examples", why.examples);
        a.put("dashboard", "/?period=" + dashboardPeriod(since, today) + g.dashboardQuery());
        a.put("raised_at", clock.instant().toString());
        return a;
    }

    private record Explanation(List<Map<String, Object>> findings, List<Map<String, Object>> examples) {
    }

    /**
     * The subgroups of {@code g} (its frameworks, models, tags) that lost most successes since {@code since}
     * against their own baseline, and its latest failed entries (texts masked, cut).
     */
    private Explanation explain(Group g, LocalDate baselineStart, LocalDate start, LocalDate since, LocalDate today,
            ZoneId zone) {
        Map<Group, long[]> sub = new HashMap<>(); // {baseX, baseN, x, n}
        Deque<Long> failed = new ArrayDeque<>();
        Instant sinceAt = startOf(since, zone);
        Instant startAt = startOf(start, zone);
        store.scan(startOf(baselineStart, zone), startOf(today, zone), row -> {
            List<Group> in = Group.of(row);
            if (!in.contains(g)) {
                return;
            }
            boolean base = row.timestamp().isBefore(startAt);
            boolean now = !row.timestamp().isBefore(sinceAt);
            if (!base && !now) {
                return;
            }
            boolean success = row.outcome() == Outcome.POSITIVE;
            for (Group s : in) {
                if (!s.equals(g) && !s.equals(Group.OVERALL)) {
                    long[] t = sub.computeIfAbsent(s, k -> new long[4]);
                    t[base ? 0 : 2] += success ? 1 : 0;
                    t[base ? 1 : 3]++;
                }
            }
            if (now && row.outcome() == Outcome.NEGATIVE) {
                failed.addLast(row.id());
                if (failed.size() > EXAMPLES) {
                    failed.removeFirst();
                }
            }
        });
        List<Map<String, Object>> findings = sub.entrySet().stream()
                .filter(e -> e.getValue()[1] >= 30 && e.getValue()[3] >= 20)
                .map(e -> Map.entry(e.getKey(), lost(e.getValue())))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<Group, Double>comparingByValue().reversed())
                .limit(FINDINGS)
                .map(e -> finding(e.getKey(), sub.get(e.getKey())))
                .toList();
        Redactor redactor = new Redactor();
        List<Map<String, Object>> examples = new ArrayList<>();
        for (EntryText t : store.texts(List.copyOf(failed))) {
            Map<String, Object> ex = new LinkedHashMap<>();
            ex.put("entry_id", t.id());
            ex.put("rating", t.rating());
            ex.put("thumbs_up", t.thumbsUp());
            ex.put("prompt", cut(redactor.redact(t.prompt()).text()));
            if (t.notes() != null) {
                ex.put("notes", cut(redactor.redact(t.notes()).text()));
            }
            ex.put("dashboard", "/?entry=" + t.id());
            examples.add(ex);
        }
        return new Explanation(findings, examples);
    }

    /** Successes lost against the subgroup's own baseline rate. */
    private static double lost(long[] t) {
        return (rate(t[0], t[1]) - rate(t[2], t[3])) * t[3];
    }

    private static Map<String, Object> finding(Group s, long[] t) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("group", Map.of("kind", s.kind(), "name", s.name()));
        f.put("baseline_rate", round(rate(t[0], t[1])));
        f.put("current_rate", round(rate(t[2], t[3])));
        f.put("current_votes", t[3]);
        f.put("lost_successes", Math.round(lost(t)));
        f.put("text", String.format(java.util.Locale.ROOT, "%s: %.1f%% -> %.1f%% on %d votes", s.label(),
                100 * rate(t[0], t[1]), 100 * rate(t[2], t[3]), t[3]));
        return f;
    }

    private static Map<String, Object> period(LocalDate from, LocalDate to, long x, long n, Interval ci) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("from", from.toString());
        p.put("to", to.toString());
        p.put("votes", n);
        p.put("success_rate", round(rate(x, n)));
        p.put("ci95", List.of(round(ci.low()), round(ci.high())));
        return p;
    }

    /** The dashboard's shortest period that shows the days since the drop (7d, 30d or 90d). */
    static String dashboardPeriod(LocalDate since, LocalDate today) {
        long days = ChronoUnit.DAYS.between(since, today) + 1;
        return days <= 7 ? "7d" : days <= 30 ? "30d" : "90d";
    }

    private static String cut(String text) {
        return text.length() <= EXAMPLE_CHARS ? text : text.substring(0, EXAMPLE_CHARS) + "...";
    }

    private static Instant startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    private static long sum(long[] a, int from, int to) {
        long s = 0;
        for (int i = Math.max(0, from); i < Math.min(a.length, to); i++) {
            s += a[i];
        }
        return s;
    }

    private static double rate(long x, long n) {
        return n == 0 ? 0 : x / (double) n;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
