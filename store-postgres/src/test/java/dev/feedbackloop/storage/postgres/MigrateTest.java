package dev.feedbackloop.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.access.KeyScope;
import dev.feedbackloop.analysis.AnalysisJson;
import dev.feedbackloop.analysis.AnalysisOptions;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.generate.SampleGenerator;
import dev.feedbackloop.reporting.ReportPeriod;
import dev.feedbackloop.alerts.Delivery;
import dev.feedbackloop.alerts.Destination;
import dev.feedbackloop.lifecycle.AuditEvent;
import dev.feedbackloop.lifecycle.Deletion;
import dev.feedbackloop.lifecycle.DeletionFilter;
import dev.feedbackloop.storage.AlertStore;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.FeedbackQuery;
import dev.feedbackloop.storage.StoreCopy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code feedback migrate}: everything copied, counts on both sides, a second run changes nothing. */
class MigrateTest {
    private static final Instant NOW = Instant.parse("2026-11-27T14:37:25Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneId.of("Europe/Paris"));

    @TempDir
    Path dir;

    private static FeedbackLoop open(String location) {
        return FeedbackLoop.builder(location).clock(CLOCK).open();
    }

    private static List<String> answers(FeedbackLoop loop) {
        List<String> out = new ArrayList<>();
        out.add(FeedbackJson.write(loop.database().statistics(null, null)));
        out.add(AnalysisJson.write(loop.analyzer().analyze(new AnalysisOptions(30, 5, 30, 0))));
        out.add(AnalysisJson.write(loop.reporter().generate(ReportPeriod.rolling(ReportPeriod.Kind.WEEKLY, CLOCK), 30)));
        List<String> entries = new ArrayList<>();
        loop.database().forEach(FeedbackQuery.ALL, e -> entries.add(FeedbackJson.write(e)));
        out.add(String.join("\n", entries));
        return out;
    }

    @Test
    void copiesEverythingOnceAndAnswersTheSame() {
        Path file = dir.resolve("feedback.db");
        List<String> before;
        try (FeedbackLoop loop = open(file.toString())) {
            try (BatchWriter w = loop.database().openBatch()) {
                new SampleGenerator(new SampleGenerator.Settings(800, 30, 5, NOW.minusSeconds(60)))
                        .forEach(s -> w.add(s.entry()));
                w.commit();
            }
            for (int i = 0; i < 3; i++) { // a vote replaced twice: two rows in history, two changes
                loop.database().insert(FeedbackEntry.builder("Explain it", "It is", 1 + i).outputId("out-1")
                        .raterId("r1").feedbackId("vote-" + i).timestamp(NOW.minusSeconds(100 - i)).build());
            }
            loop.delete(loop.database().find(FeedbackQuery.ALL.withLimit(1)).get(0).feedbackId());
            loop.keys().create("app", KeyScope.CAPTURE, List.of("https://app.example"));
            loop.database().settingIfAbsent("secret", "s3");
            loop.database().addSession(new dev.feedbackloop.access.SignIn("hash-1", "app", NOW.minusSeconds(60),
                    NOW.minusSeconds(30), NOW.plusSeconds(3600)));
            before = answers(loop); // also fills pattern_cache and reports
            loop.generateReport("weekly", null);
        }
        String url = TestPostgres.newDatabase();

        StoreCopy first = FeedbackLoop.migrate(file, url);
        assertThat(first.targetRows()).isEqualTo(first.sourceRows());
        assertThat(first.added()).isEqualTo(first.sourceRows());
        assertThat(first.sourceRows().get("feedback")).isEqualTo(800 + 1 - 1);
        assertThat(first.sourceRows()).containsEntry("feedback_history", 2L).containsEntry("changes", 3L)
                .containsEntry("api_keys", 1L).containsEntry("settings", 1L).containsEntry("sessions", 1L)
                .containsKeys("audit", "alerts", "alert_destinations", "outbox", "schedule_runs");
        assertThat(first.sourceRows().get("pattern_cache")).isPositive();
        assertThat(first.sourceRows().get("reports")).isPositive();

        StoreCopy second = FeedbackLoop.migrate(file, url);
        assertThat(second.added().values()).containsOnly(0L);
        assertThat(second.targetRows()).isEqualTo(first.targetRows());

        try (FeedbackLoop pg = open(url)) {
            List<String> after = answers(pg);
            // the analysis cache came along and is still valid: ids are kept, so is the data version
            assertThat(after.get(1)).contains("\"from_cache\":true");
            after.set(1, after.get(1).replace("\"from_cache\":true", "\"from_cache\":false"));
            for (int i = 0; i < before.size(); i++) {
                String a = before.get(i);
                String b = after.get(i);
                int at = 0;
                while (at < Math.min(a.length(), b.length()) && a.charAt(at) == b.charAt(at)) {
                    at++;
                }
                assertThat(b).as("answer %d differs at %d: %s | %s", i, at,
                        a.substring(Math.max(0, at - 80), Math.min(a.length(), at + 80)),
                        b.substring(Math.max(0, at - 80), Math.min(b.length(), at + 80))).isEqualTo(a);
            }
            assertThat(pg.database().replacedVotes("out-1", "r1")).extracting(FeedbackEntry::feedbackId)
                    .containsExactly("vote-0", "vote-1");
            assertThat(pg.keys().list()).singleElement().satisfies(k -> assertThat(k.name()).isEqualTo("app"));
            assertThat(pg.database().setting("secret")).contains("s3");
            assertThat(pg.database().session("hash-1")).contains(new dev.feedbackloop.access.SignIn("hash-1", "app",
                    NOW.minusSeconds(60), NOW.minusSeconds(30), NOW.plusSeconds(3600)));
            // new rows continue after the copied ids
            pg.database().insert(FeedbackEntry.builder("after", "o", 5).timestamp(NOW).build());
            assertThat(pg.database().count()).isEqualTo(801);
        }
    }

    /** Change spans, the audit trail, alerts, destinations, the outbox and schedule runs, as one reads them. */
    private static List<String> lifecycleAndAlerts(FeedbackLoop loop) {
        List<String> out = new ArrayList<>();
        List<String> spans = new ArrayList<>();
        loop.database().changedSpansAfter(0, (first, last) -> spans.add(first + ".." + last));
        out.add(String.join(",", spans));
        out.add(FeedbackJson.write(loop.audit(null, 100).stream().map(AuditEvent::toMap).toList()));
        AlertStore alerts = loop.database().alertStore();
        out.add(String.join(",", alerts.alerts(100)));
        out.add(alerts.destinations().stream().map(d -> d.toString() + "/" + d.secret()).toList().toString());
        out.add(alerts.deliveries(100).toString());
        out.add(alerts.lastRun("weekly-review").toString());
        return out;
    }

    @Test
    void copiesTheLifecycleAndAlertTablesToo() {
        Path file = dir.resolve("lifecycle.db");
        List<String> before;
        try (FeedbackLoop loop = open(file.toString())) {
            try (BatchWriter w = loop.database().openBatch()) {
                new SampleGenerator(new SampleGenerator.Settings(300, 20, 9, NOW.minusSeconds(60)))
                        .forEach(s -> w.add(s.entry()));
                w.commit();
            }
            Deletion d = loop.purge(Duration.ofDays(10), false, "cli:alice"); // one change span per day
            assertThat(d.entries()).isPositive();
            loop.delete(DeletionFilter.where(new FeedbackQuery(null, null, null, 1, null, null, null)), false, "key:ops");
            AlertStore alerts = loop.database().alertStore();
            alerts.saveAlert("drop/CoT/7d", NOW, "{\"title\":\"CoT dropped\"}");
            alerts.addDestination(new Destination("hook", Destination.Type.WEBHOOK, "https://hooks.example/x",
                    "a-signing-secret-of-32-characters", Map.of("k", "v"), NOW));
            alerts.enqueue(List.of(Delivery.queued("drop/CoT/7d", "hook", "alert", "{}", NOW)));
            Delivery queued = alerts.due(NOW, 10).get(0);
            assertThat(alerts.claim(queued, NOW.plusSeconds(30))).isTrue();
            alerts.settle(queued.key(), Delivery.State.PENDING, NOW.plusSeconds(60), "HTTP 503", "unavailable", NOW);
            assertThat(alerts.claimRun("weekly-review", NOW, "a", NOW, NOW.plusSeconds(600))).isTrue();
            alerts.finishRun("weekly-review", NOW, "a");
            before = lifecycleAndAlerts(loop);
        }
        String url = TestPostgres.newDatabase();
        StoreCopy first = FeedbackLoop.migrate(file, url);
        assertThat(first.targetRows()).isEqualTo(first.sourceRows());
        assertThat(first.sourceRows()).containsEntry("audit", 2L).containsEntry("alerts", 1L)
                .containsEntry("alert_destinations", 1L).containsEntry("outbox", 1L).containsEntry("schedule_runs", 1L);
        assertThat(first.sourceRows().get("changes")).as("day spans, not one change per entry")
                .isBetween(2L, 25L).isLessThan(d(first, "feedback"));
        assertThat(FeedbackLoop.migrate(file, url).added().values()).containsOnly(0L);

        try (FeedbackLoop pg = open(url)) {
            assertThat(lifecycleAndAlerts(pg)).isEqualTo(before);
            // the identity of the audit trail continues after the copied ids
            pg.database().audit(new AuditEvent(0, NOW, "test", "key.create", Map.of(), 1));
            assertThat(pg.audit(null, 1).get(0).id()).isEqualTo(3);
        }
    }

    private static long d(StoreCopy copy, String table) {
        return copy.sourceRows().get(table);
    }

    @Test
    void refusesATargetThatHoldsOtherDataUnderTheSameIds() {
        Path file = dir.resolve("a.db");
        try (FeedbackLoop loop = open(file.toString())) {
            loop.database().insert(FeedbackEntry.builder("p", "o", 5).feedbackId("from-sqlite").timestamp(NOW).build());
        }
        String url = TestPostgres.newDatabase();
        try (FeedbackLoop pg = open(url)) {
            pg.database().insert(FeedbackEntry.builder("p", "o", 4).feedbackId("already-here").timestamp(NOW).build());
        }
        assertThatThrownBy(() -> FeedbackLoop.migrate(file, url)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("other feedback under the same ids");
        try (FeedbackLoop pg = open(url)) {
            assertThat(pg.database().count()).as("nothing copied").isEqualTo(1);
        }
    }

    /**
     * The source is opened by a SQLite URI: a file name with '#', '?' or '%' in it must name that file,
     * not a shorter or decoded one.
     */
    @Test
    void copiesAFileWhoseNameHoldsUriCharacters() {
        Path file = dir.resolve("feedback #2 100%41?.db");
        try (FeedbackLoop loop = open(file.toString())) {
            loop.database().insert(FeedbackEntry.builder("Explain it", "It is", 5).feedbackId("odd-name")
                    .timestamp(NOW.minusSeconds(60)).build());
        }
        String url = TestPostgres.newDatabase();
        StoreCopy copy = FeedbackLoop.migrate(file, url);
        assertThat(copy.added()).containsEntry("feedback", 1L);
        try (FeedbackLoop pg = open(url)) {
            assertThat(pg.database().findById("odd-name")).isPresent();
        }
    }

    /**
     * A key made on the target before the copy takes the source key's id: copying would silently drop the
     * source key (ON CONFLICT DO NOTHING), and its clients would be refused after the switch.
     */
    @Test
    void refusesATargetThatHoldsOtherApiKeysUnderTheSameIds() {
        Path file = dir.resolve("keys.db");
        try (FeedbackLoop loop = open(file.toString())) {
            loop.keys().create("app", KeyScope.CAPTURE, List.of());
        }
        String url = TestPostgres.newDatabase();
        try (FeedbackLoop pg = open(url)) {
            pg.keys().create("ops", KeyScope.ADMIN, List.of());
        }
        assertThatThrownBy(() -> FeedbackLoop.migrate(file, url)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("API keys");
        try (FeedbackLoop pg = open(url)) {
            assertThat(pg.keys().list()).singleElement().satisfies(k -> assertThat(k.name()).isEqualTo("ops"));
        }
    }
}
