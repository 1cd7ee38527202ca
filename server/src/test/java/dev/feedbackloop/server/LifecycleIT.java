package dev.feedbackloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.lifecycle.Retention;
import dev.feedbackloop.storage.BatchWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deletions by filter and the audit trail over HTTP (admin keys only), and the retention purge. */
class LifecycleIT {
    @TempDir
    Path dir;
    ServerFixture s;

    @BeforeEach
    void start() {
        s = new ServerFixture(dir);
        Instant now = Instant.now();
        try (BatchWriter w = s.loop.database().openBatch()) {
            for (int i = 0; i < 20; i++) {
                w.add(FeedbackEntry.builder("prompt " + i, "output", 1 + i % 5).raterId(i % 2 == 0 ? "alice" : "bob")
                        .outputId("o" + i).timestamp(now.minus(Duration.ofDays(i * 10L))).build());
            }
            w.commit();
        }
    }

    @AfterEach
    void stop() {
        s.close();
    }

    @Test
    void anAdminDeletesByFilterWithADryRunFirstAndTheAuditTrailSaysWhoDidIt() throws Exception {
        HttpResponse<String> dry = s.post("/api/v1/deletions", s.adminKey, Json.write(Map.of("rater_id", "alice",
                "dry_run", true)));
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        assertThat(ServerFixture.json(dry)).containsEntry("entries", 10).containsEntry("dry_run", true);
        assertThat(s.loop.database().count()).isEqualTo(20);

        HttpResponse<String> done = s.post("/api/v1/deletions", s.adminKey, Json.write(Map.of("rater_id", "alice")));
        assertThat(ServerFixture.json(done)).containsEntry("entries", 10).containsEntry("dry_run", false);
        assertThat(s.loop.database().count()).isEqualTo(10);

        HttpResponse<String> purge = s.post("/api/v1/deletions", s.adminKey, Json.write(Map.of("older_than", "95d")));
        assertThat(ServerFixture.json(purge)).containsEntry("entries", 5); // bob's at 100..190 days

        HttpResponse<String> audit = s.get("/api/v1/audit", s.adminKey);
        assertThat(audit.statusCode()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) ServerFixture.json(audit).get("events");
        assertThat(events).extracting(e -> e.get("action")).startsWith("purge", "delete");
        assertThat(events.get(1)).containsEntry("actor", "key:ops").containsEntry("affected", 10);
        assertThat(audit.body()).doesNotContain("alice");
    }

    @Test
    void onlyAdminKeysMayDeleteOrReadTheTrailAndBadFiltersAre400() throws Exception {
        String body = Json.write(Map.of("rater_id", "alice"));
        ErrorMatrixIT.assertProblem(s.post("/api/v1/deletions", s.readKey, body), 403, "forbidden");
        ErrorMatrixIT.assertProblem(s.post("/api/v1/deletions", s.captureKey, body), 403, "forbidden");
        ErrorMatrixIT.assertProblem(s.get("/api/v1/audit", s.readKey), 403, "forbidden");
        ErrorMatrixIT.assertProblem(s.post("/api/v1/deletions", s.adminKey, "{}"), 400, "invalid_input");
        ErrorMatrixIT.assertProblem(s.post("/api/v1/deletions", s.adminKey, Json.write(Map.of("rater", "alice"))), 400,
                "invalid_input");
        ErrorMatrixIT.assertProblem(s.post("/api/v1/deletions", s.adminKey, Json.write(Map.of("older_than", "soon"))),
                400, "invalid_input");
        assertThat(s.loop.database().count()).isEqualTo(20);
    }

    @Test
    void withMaskingOnCapturesAreStoredMaskedAndCounted() throws Exception {
        s.loop.setMasking(dev.feedbackloop.privacy.Masking.MASK, "test");
        HttpResponse<String> r = s.post("/api/v1/feedback", s.captureKey, Json.write(Map.of(
                "prompt", "Mail jane.doe@example.com", "output", "from 203.0.113.42", "rating", 4)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).doesNotContain("jane", "203.0.113");
        String id = (String) ServerFixture.json(r).get("feedback_id");
        FeedbackEntry stored = s.loop.database().findById(id).orElseThrow();
        assertThat(stored.prompt()).isEqualTo("Mail [email]");
        assertThat(stored.context().get("masked")).isEqualTo(Map.of("email", 1, "ip", 1));
    }

    @Test
    void withMaskingRejectACaptureHoldingPersonalDataIs400NamingTheField() throws Exception {
        s.loop.setMasking(dev.feedbackloop.privacy.Masking.REJECT, "test");
        HttpResponse<String> r = s.post("/api/v1/feedback", s.captureKey, Json.write(Map.of(
                "prompt", "fine", "output", "ok", "notes", "call +44 20 7946 0958", "rating", 4)));
        ErrorMatrixIT.assertProblem(r, 400, "invalid_input");
        assertThat(ServerFixture.json(r)).containsEntry("field", "notes");
        assertThat(r.body()).doesNotContain("7946");
        assertThat(s.loop.database().count()).isEqualTo(20);
    }

    /** The service's retention purges once per day of its clock: a second look the same day deletes nothing. */
    @Test
    void retentionPurgesOncePerDayOfTheClock() {
        Instant day = Instant.now();
        MutableClock clock = new MutableClock(day);
        try (FeedbackLoop loop = FeedbackLoop.builder(dir.resolve("feedback.db").toString()).clock(clock).open()) {
            Retention r = loop.retention(Duration.ofDays(95));
            assertThat(r.applyIfDue()).hasValueSatisfying(d -> assertThat(d.entries()).isEqualTo(10));
            // later the same UTC day (an hour later, unless the day ends sooner: the test runs at any hour)
            Instant endOfDay = day.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofDays(1)).minusMillis(1);
            clock.now = day.plus(Duration.ofHours(1)).isBefore(endOfDay) ? day.plus(Duration.ofHours(1)) : endOfDay;
            assertThat(r.applyIfDue()).isEmpty();
            clock.now = day.plus(Duration.ofDays(30));
            assertThat(r.applyIfDue()).hasValueSatisfying(d -> assertThat(d.entries()).isEqualTo(3));
            assertThat(loop.audit(null, 10)).extracting(e -> e.actor()).startsWith("retention", "retention");
        }
    }

    private static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
