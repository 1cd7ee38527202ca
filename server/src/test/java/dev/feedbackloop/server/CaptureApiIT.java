package dev.feedbackloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.internal.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureApiIT {
    @TempDir
    Path dir;
    ServerFixture s;

    @BeforeEach
    void start() {
        s = fixture();
    }

    /** The server under test: over a SQLite file here; subclasses run the same scenarios on other databases. */
    ServerFixture fixture() {
        return new ServerFixture(dir);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    @Test
    void capturesAndReadsBack() throws Exception {
        HttpResponse<String> r = s.post("/api/v1/feedback", s.captureKey, Json.write(Map.of("prompt", "Explain recursion",
                "output", "It calls itself", "rating", 5, "tags", List.of("explanation", " explanation "),
                "context", Map.of("framework", "chain-of-thought"))));
        assertThat(r.statusCode()).isEqualTo(201);
        Map<String, Object> stored = ServerFixture.json(r);
        assertThat(stored).containsEntry("thumbs_up", true).containsEntry("tags", List.of("explanation"));
        String id = (String) stored.get("feedback_id");

        HttpResponse<String> one = s.get("/api/v1/feedback/" + id, s.readKey);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(ServerFixture.json(one)).isEqualTo(stored);
        assertThat(s.loop.database().count()).isEqualTo(1);
        assertThat(s.log).anyMatch(line -> line.contains("POST /api/v1/feedback 201") && line.contains("key=app"))
                .noneMatch(line -> line.contains(s.captureKey));
    }

    @Test
    void identicalRetryGetsTheSameAnswerAndOtherContentConflicts() throws Exception {
        String body = Json.write(Map.of("feedback_id", "order-42", "prompt", "p", "output", "o", "rating", 4));
        HttpResponse<String> first = s.post("/api/v1/feedback", s.captureKey, body);
        HttpResponse<String> retry = s.post("/api/v1/feedback", s.captureKey, body);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());

        HttpResponse<String> other = s.post("/api/v1/feedback", s.captureKey,
                Json.write(Map.of("feedback_id", "order-42", "prompt", "p", "output", "o", "rating", 1)));
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(ServerFixture.json(other)).containsEntry("type", "/api#conflict");
        assertThat(s.loop.database().count()).isEqualTo(1);
    }

    @Test
    void idempotencyKeyHeaderIsTheFeedbackId() throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(s.uri("/api/v1/feedback"))
                .header("Authorization", "Bearer " + s.captureKey).header("Content-Type", "application/json")
                .header("Idempotency-Key", "k-1").POST(java.net.http.HttpRequest.BodyPublishers.ofString(ServerFixture.entry("p", 3)));
        HttpResponse<String> first = s.send(request);
        HttpResponse<String> retry = s.send(request);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(ServerFixture.json(first)).containsEntry("feedback_id", "k-1");
        assertThat(s.loop.database().count()).isEqualTo(1);
    }

    @Test
    void batchStoresTheValidEntriesAndReportsTheInvalidOnes() throws Exception {
        List<Object> entries = new ArrayList<>();
        entries.add(Map.of("prompt", "a", "output", "o", "rating", 5));
        entries.add(Map.of("prompt", "b", "output", "o", "rating", 6));
        entries.add(Map.of("prompt", "", "output", "o", "rating", 2));
        entries.add(Map.of("prompt", "c", "output", "o", "rating", 1, "feedback_id", "x"));
        HttpResponse<String> r = s.post("/api/v1/feedback/batch", s.captureKey, Json.write(Map.of("entries", entries)));
        assertThat(r.statusCode()).isEqualTo(207);
        Map<String, Object> body = ServerFixture.json(r);
        assertThat(body).containsEntry("stored", 2).containsEntry("failed", 2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) body.get("results");
        assertThat(results).extracting(m -> m.get("status")).containsExactly(201, 400, 400, 201);
        @SuppressWarnings("unchecked")
        Map<String, Object> problem = (Map<String, Object>) results.get(1).get("problem");
        assertThat(problem).containsEntry("field", "rating");
        assertThat(s.loop.database().count()).isEqualTo(2);
    }

    @Test
    void listPagesThroughEverythingWithTheCursor() throws Exception {
        for (int i = 0; i < 25; i++) {
            s.post("/api/v1/feedback", s.captureKey, Json.write(Map.of("prompt", "p" + i, "output", "o", "rating", 1 + i % 5,
                    "timestamp", "2026-01-01T00:00:" + String.format("%02d", i / 2) + "Z")));
        }
        List<Object> seen = new ArrayList<>();
        String cursor = null;
        do {
            HttpResponse<String> page = s.get("/api/v1/feedback?limit=4" + (cursor == null ? "" : "&cursor=" + cursor), s.readKey);
            assertThat(page.statusCode()).isEqualTo(200);
            Map<String, Object> body = ServerFixture.json(page);
            ((List<?>) body.get("entries")).forEach(e -> seen.add(((Map<?, ?>) e).get("prompt")));
            cursor = (String) body.get("next_cursor");
        } while (cursor != null);
        assertThat(seen).hasSize(25).doesNotHaveDuplicates();

        HttpResponse<String> filtered = s.get("/api/v1/feedback?min_rating=5&thumbs_up=true", s.readKey);
        assertThat((List<?>) ServerFixture.json(filtered).get("entries")).hasSize(5);
    }

    @Test
    void scopesDecideWhoMayDoWhat() throws Exception {
        assertThat(s.get("/api/v1/stats", null).statusCode()).isEqualTo(401);
        assertThat(s.get("/api/v1/stats", "fbk_not-a-key").statusCode()).isEqualTo(401);
        assertThat(s.get("/api/v1/stats", s.captureKey).statusCode()).isEqualTo(403);
        assertThat(s.get("/api/v1/stats", s.readKey).statusCode()).isEqualTo(200);
        assertThat(s.get("/api/v1/stats", s.adminKey).statusCode()).isEqualTo(200);
        assertThat(s.post("/api/v1/feedback", s.readKey, ServerFixture.entry("p", 5)).statusCode()).isEqualTo(403);
        assertThat(s.post("/api/v1/feedback", s.adminKey, ServerFixture.entry("p", 5)).statusCode()).isEqualTo(201);

        s.loop.keys().revoke("dashboard");
        Thread.sleep(1_100);
        assertThat(s.get("/api/v1/stats", s.readKey).statusCode()).isEqualTo(401);
    }

    @Test
    void corsOnlyForTheOriginsAKeyAllows() throws Exception {
        var allowed = s.send(java.net.http.HttpRequest.newBuilder(s.uri("/api/v1/feedback"))
                .header("Authorization", "Bearer " + s.captureKey).header("Content-Type", "application/json")
                .header("Origin", "https://app.example").POST(java.net.http.HttpRequest.BodyPublishers.ofString(ServerFixture.entry("p", 5))));
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");
        var other = s.send(java.net.http.HttpRequest.newBuilder(s.uri("/api/v1/feedback"))
                .header("Authorization", "Bearer " + s.captureKey).header("Content-Type", "application/json")
                .header("Origin", "https://evil.example").POST(java.net.http.HttpRequest.BodyPublishers.ofString(ServerFixture.entry("p", 5))));
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        var preflight = s.send(java.net.http.HttpRequest.newBuilder(s.uri("/api/v1/feedback"))
                .header("Origin", "https://app.example").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");
    }

    @Test
    void readsAnswerThroughTheFrontDoor() throws Exception {
        for (int i = 0; i < 12; i++) {
            s.post("/api/v1/feedback", s.captureKey, ServerFixture.entry("Explain topic " + i, 1 + i % 5));
        }
        assertThat(ServerFixture.json(s.get("/api/v1/stats", s.readKey))).containsEntry("total_feedback", 12);
        assertThat(s.get("/api/v1/analysis?days=7", s.readKey).statusCode()).isEqualTo(200);
        assertThat(s.get("/api/v1/reports/weekly", s.readKey).statusCode()).isEqualTo(200);
        assertThat(s.get("/api/v1/reports/yearly", s.readKey).statusCode()).isEqualTo(400);
        assertThat(ServerFixture.json(s.post("/api/v1/route", s.readKey, "{\"task\": \"Write a sorting function\"}")))
                .containsKey("primary_framework");
        assertThat(ServerFixture.json(s.post("/api/v1/enhance", s.readKey, "{\"task\": \"Write a sorting function\"}")))
                .containsKey("enhanced_prompt");
        assertThat(s.post("/api/v1/suggestions", s.readKey, "{\"days\": 7}").statusCode()).isEqualTo(200);
        assertThat(s.get("/health", null).statusCode()).isEqualTo(200);
        assertThat(s.get("/ready", null).statusCode()).isEqualTo(200);
        assertThat(s.get("/metrics", null).body()).contains("feedback_captures_stored_total", "http_server_requests_seconds_bucket",
                "feedback_writer_queue_depth", "feedback_db_transaction_seconds");
    }
}
