package dev.feedbackloop.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.capture.FeedbackEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor, reviews and the scheduler against real SQLite files, with the clock driven by the test. */
class AlertsTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** Sunday 2026-11-01 12:00 local: the first look. */
    private static final LocalDate FIRST_LOOK = LocalDate.of(2026, 11, 1);

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock(FIRST_LOOK.atTime(12, 0).atZone(ZONE).toInstant(), ZONE);

    /** The location of the database named {@code db} (a SQLite file here; subclasses run on other databases). */
    String location(Path db) {
        return db.toString();
    }

    private FeedbackLoop open(Path db) {
        return FeedbackLoop.builder(location(db)).clock(clock).alerts(AlertConfig.DEFAULT
                .withReportsDir(dir.resolve("reports"))).open();
    }

    /** {@code perDay} votes a day per framework over [from, to), CoT at {@code cotRate(day)}, ReAct at 70%. */
    private static void fill(FeedbackLoop loop, LocalDate from, LocalDate to, int perDay,
            java.util.function.Function<LocalDate, Double> cotRate, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<FeedbackEntry> batch = new ArrayList<>();
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            Instant start = d.atTime(8, 0).atZone(ZONE).toInstant();
            for (int i = 0; i < perDay; i++) {
                for (String fw : List.of("CoT", "ReAct")) {
                    double p = fw.equals("CoT") ? cotRate.apply(d) : 0.7;
                    boolean ok = rnd.nextDouble() < p;
                    batch.add(FeedbackEntry.builder("Explain topic " + i + " with " + fw,
                                    "answer " + i, ok ? 5 : 1).thumbsUp(ok).framework(fw).model("m1")
                            .notes(ok ? null : "missed the point, too vague")
                            .timestamp(start.plusSeconds(i * 60L)).build());
                }
            }
        }
        loop.captureAll(batch);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDropInOneFrameworkIsAlertedOnceWithWhatExplainsIt() {
        try (FeedbackLoop loop = open(dir.resolve("f.db"))) {
            LocalDate drop = FIRST_LOOK.plusDays(10);
            fill(loop, FIRST_LOOK.minusDays(56), FIRST_LOOK.plusDays(25), 150,
                    d -> d.isBefore(drop) ? 0.7 : 0.5, 1);
            Alerts alerts = loop.alerts();
            alerts.addDestination(new Destination("hook", Destination.Type.WEBHOOK, "http://127.0.0.1:9/none",
                    "a-signing-secret-of-32-characters", Map.of(), clock.instant()));
            assertThat(alerts.check().looks()).isZero(); // the first look anchors the watch
            List<Map<String, Object>> raised = new ArrayList<>();
            LocalDate raisedOn = null;
            for (int day = 1; day <= 25; day++) {
                clock.advance(Duration.ofDays(1));
                AlertMonitor.Check c = alerts.check();
                assertThat(c.looks()).isEqualTo(day);
                if (!c.raised().isEmpty() && raisedOn == null) {
                    raisedOn = c.day();
                }
                raised.addAll(c.raised());
                assertThat(alerts.check().raised()).isEmpty(); // looking again the same day adds nothing
            }
            assertThat(raised).extracting(a -> ((Map<String, Object>) a.get("group")).get("name"))
                    .contains("CoT").doesNotContain("ReAct");
            Map<String, Object> cot = raised.stream()
                    .filter(a -> ((Map<String, Object>) a.get("group")).get("name").equals("CoT")).findFirst().orElseThrow();
            // found within a week of the drop, and dated near it
            assertThat(raisedOn).isBetween(drop.plusDays(1), drop.plusDays(7));
            assertThat(LocalDate.parse((String) cot.get("since"))).isBetween(drop.minusDays(2), drop.plusDays(1));
            Map<String, Object> base = (Map<String, Object>) cot.get("baseline");
            Map<String, Object> now = (Map<String, Object>) cot.get("current");
            assertThat((Double) base.get("success_rate")).isBetween(0.67, 0.73);
            assertThat((Double) now.get("success_rate")).isBetween(0.4, 0.6);
            assertThat((List<Double>) now.get("ci95")).hasSize(2);
            assertThat((String) cot.get("dashboard")).startsWith("/?period=").contains("&framework=CoT");
            assertThat((List<Object>) cot.get("examples")).isNotEmpty();
            assertThat((List<Map<String, Object>>) cot.get("findings"))
                    .anySatisfy(f -> assertThat(f.get("text").toString()).contains("model m1"));
            assertThat(((Map<String, Object>) cot.get("evidence")).get("statement").toString()).contains("at most 5%");
            // kept, listed, and queued once for the destination
            assertThat(alerts.list(50)).hasSize(raised.size());
            assertThat(alerts.deliveries(50)).hasSize(raised.size())
                    .allSatisfy(d -> assertThat(d.destination()).isEqualTo("hook"));
        }
    }

    @Test
    void aWeeklyReviewSuggestsFromTheWeeksOwnEntries() {
        try (FeedbackLoop loop = open(dir.resolve("f.db"))) {
            // entries only on the Monday of last week, 08:00-08:39; the review runs this Monday at 09:00,
            // so the last 7 days before now would miss every one of them
            LocalDate lastMonday = LocalDate.of(2026, 11, 2);
            fill(loop, lastMonday, lastMonday.plusDays(1), 40, d -> 0.5, 3);
            clock.set(lastMonday.plusWeeks(1).atTime(9, 0).atZone(ZONE).toInstant());

            Reviews.Review review = loop.alerts().review(dev.feedbackloop.reporting.ReportPeriod.Kind.WEEKLY, false);

            assertThat(review.report().period()).isEqualTo("2026-W45");
            assertThat(review.report().totalPrompts()).isEqualTo(80);
            assertThat(review.note()).isNull();
        }
    }

    @Test
    void noChangeRaisesNothing() {
        try (FeedbackLoop loop = open(dir.resolve("f.db"))) {
            fill(loop, FIRST_LOOK.minusDays(56), FIRST_LOOK.plusDays(30), 150, d -> 0.7, 2);
            Alerts alerts = loop.alerts();
            alerts.check();
            for (int day = 1; day <= 30; day++) {
                clock.advance(Duration.ofDays(1));
                assertThat(alerts.check().raised()).isEmpty();
            }
            assertThat(alerts.check().groupsWatched()).isEqualTo(4); // overall, CoT, ReAct, model m1
        }
    }

    @Test
    void aMissedReviewRunsOnceWhenTheServiceReturns() {
        Path db = dir.resolve("f.db");
        try (FeedbackLoop loop = open(db)) {
            fill(loop, FIRST_LOOK.minusDays(40), FIRST_LOOK.plusDays(30), 20, d -> 0.7, 3);
            assertThat(loop.alerts().tick("a").ran()).isEmpty(); // Sunday: the schedules start here
            clock.set(FIRST_LOOK.plusDays(1).atTime(9, 1).atZone(ZONE).toInstant()); // Monday 09:01
            assertThat(loop.alerts().tick("a").ran()).filteredOn(r -> r.startsWith("review/"))
                    .containsExactly("review/weekly@" + FIRST_LOOK.plusDays(1).atTime(9, 0).atZone(ZONE).toInstant());
            assertThat(loop.alerts().tick("a").ran()).isEmpty();
        }
        // down for a month: four Mondays and the 1st of December missed
        clock.set(FIRST_LOOK.plusDays(31).atTime(10, 0).atZone(ZONE).toInstant());
        try (FeedbackLoop loop = open(db)) {
            List<String> ran = loop.alerts().tick("b").ran();
            assertThat(ran).filteredOn(r -> r.startsWith("review/weekly")).hasSize(1);
            assertThat(ran).filteredOn(r -> r.startsWith("review/monthly")).hasSize(1);
            assertThat(loop.alerts().tick("b").ran()).isEmpty();
            // stored in reports, HTML kept
            assertThat(loop.reporter().saved(dev.feedbackloop.reporting.ReportPeriod.Kind.WEEKLY, "2026-W48")).isPresent();
            assertThat(dir.resolve("reports/weekly-2026-W48.html")).exists();
            assertThat(dir.resolve("reports/monthly-2026-11.html")).exists();
        }
    }

    @Test
    void twoInstancesOnOneDatabaseRunAReviewOnce() throws Exception {
        Path db = dir.resolve("f.db");
        try (FeedbackLoop a = open(db); FeedbackLoop b = open(db)) {
            fill(a, FIRST_LOOK.minusDays(20), FIRST_LOOK, 20, d -> 0.7, 4);
            a.alerts().addDestination(new Destination("hook", Destination.Type.WEBHOOK, "http://127.0.0.1:9/none",
                    "a-signing-secret-of-32-characters", Map.of(), clock.instant()));
            a.alerts().tick("a");
            b.alerts().tick("b");
            clock.set(FIRST_LOOK.plusDays(1).atTime(9, 0, 30).atZone(ZONE).toInstant());
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Callable<List<String>>> both = List.of(() -> a.alerts().tick("a").ran(), () -> b.alerts().tick("b").ran());
                List<String> ran = new ArrayList<>();
                for (Future<List<String>> f : pool.invokeAll(both)) {
                    ran.addAll(f.get());
                }
                assertThat(ran).filteredOn(r -> r.startsWith("review/weekly")).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
            assertThat(a.alerts().deliveries(10)).filteredOn(d -> d.kind().equals("review")).hasSize(1);
        }
    }

    @Test
    void aLeaseHeldByAnInstanceThatDiedIsTakenOverAfterItExpires() {
        try (FeedbackLoop loop = open(dir.resolve("f.db"))) {
            var store = loop.database().alertStore();
            Instant now = clock.instant();
            Instant slot = now.minusSeconds(60);
            store.claimRun("review/weekly", slot.minusSeconds(3600), "x", now, now); // ran once before
            store.finishRun("review/weekly", slot.minusSeconds(3600), "x");
            assertThat(store.claimRun("review/weekly", slot, "dead", now, now.plus(Alerts.LEASE))).isTrue();
            assertThat(store.claimRun("review/weekly", slot, "alive", now.plusSeconds(60), now.plus(Alerts.LEASE))).isFalse();
            Instant later = now.plus(Alerts.LEASE).plusSeconds(1);
            assertThat(store.claimRun("review/weekly", slot, "alive", later, later.plus(Alerts.LEASE))).isTrue();
            store.finishRun("review/weekly", slot, "alive");
            assertThat(store.lastRun("review/weekly")).contains(slot);
            assertThat(store.claimRun("review/weekly", slot, "other", later, later.plus(Alerts.LEASE))).isFalse();
        }
    }
}
