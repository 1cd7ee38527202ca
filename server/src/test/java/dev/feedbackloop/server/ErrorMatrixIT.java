package dev.feedbackloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a request can be wrong: a clear problem, nothing stored, and the server keeps serving. */
class ErrorMatrixIT {
    @TempDir
    static Path dir;
    static ServerFixture s;

    @BeforeAll
    static void start() {
        s = new ServerFixture(dir, ServerSettings.defaults("127.0.0.1", 0).withMaxBodyBytes(4_096));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad JSON           | {\"prompt\": \"p\",                                        | 400 | invalid_input |",
        "not an object      | [1, 2]                                                    | 400 | invalid_input |",
        "rating missing     | {\"prompt\": \"p\", \"output\": \"o\"}                    | 400 | invalid_input | rating",
        "rating 0           | {\"prompt\": \"p\", \"output\": \"o\", \"rating\": 0}     | 400 | invalid_input | rating",
        "rating 6           | {\"prompt\": \"p\", \"output\": \"o\", \"rating\": 6}     | 400 | invalid_input | rating",
        "rating 4.5         | {\"prompt\": \"p\", \"output\": \"o\", \"rating\": 4.5}   | 400 | invalid_input | rating",
        "rating as text     | {\"prompt\": \"p\", \"output\": \"o\", \"rating\": \"5\"} | 400 | invalid_input | rating",
        "empty prompt       | {\"prompt\": \" \", \"output\": \"o\", \"rating\": 5}     | 400 | invalid_input | prompt",
        "prompt a number    | {\"prompt\": 1, \"output\": \"o\", \"rating\": 5}         | 400 | invalid_input | prompt",
        "thumbs as text     | {\"prompt\": \"p\", \"output\": \"o\", \"rating\": 5, \"thumbs_up\": \"yes\"} | 400 | invalid_input | thumbs_up",
        "tags not strings   | {\"prompt\": \"p\", \"output\": \"o\", \"rating\": 5, \"tags\": [1]}        | 400 | invalid_input | tags",
        "context not object | {\"prompt\": \"p\", \"output\": \"o\", \"rating\": 5, \"context\": []}     | 400 | invalid_input | context",
        "bad timestamp      | {\"prompt\": \"p\", \"output\": \"o\", \"rating\": 5, \"timestamp\": \"soon\"} | 400 | invalid_input | timestamp",
        "unknown field      | {\"prompt\": \"p\", \"output\": \"o\", \"rating\": 5, \"ratting\": 5}      | 400 | invalid_input | ratting",
    })
    void invalidCapturesAreRefused(String name, String body, int status, String type, String field) throws Exception {
        HttpResponse<String> r = s.post("/api/v1/feedback", s.captureKey, body);
        assertProblem(r, status, type);
        if (field != null) {
            assertThat(ServerFixture.json(r)).containsEntry("field", field);
        }
        assertNothingStoredAndStillServing();
    }

    @Test
    void oversizeBodyIs413() throws Exception {
        String big = "{\"prompt\": \"" + "x".repeat(5_000) + "\", \"output\": \"o\", \"rating\": 5}";
        assertProblem(s.post("/api/v1/feedback", s.captureKey, big), 413, "content_too_large");
        assertNothingStoredAndStillServing();
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        assertProblem(s.send(HttpRequest.newBuilder(s.uri("/api/v1/feedback")).header("Authorization", "Bearer " + s.captureKey)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(ServerFixture.entry("p", 5)))),
                415, "unsupported_media_type");
        assertNothingStoredAndStillServing();
    }

    @Test
    void unknownRouteIs404AndWrongMethod405() throws Exception {
        assertProblem(s.get("/api/v1/nothing-here", s.readKey), 404, "not_found");
        assertProblem(s.send(HttpRequest.newBuilder(s.uri("/api/v1/stats")).header("Authorization", "Bearer " + s.readKey)
                .DELETE()), 405, "method_not_allowed");
        assertProblem(s.get("/api/v1/feedback/no-such-id", s.readKey), 404, "not_found");
        assertNothingStoredAndStillServing();
    }

    @Test
    void badQueryParametersAre400() throws Exception {
        assertProblem(s.get("/api/v1/analysis?days=zero", s.readKey), 400, "invalid_input");
        assertProblem(s.get("/api/v1/feedback?cursor=!!!", s.readKey), 400, "invalid_input");
        assertProblem(s.get("/api/v1/feedback?min_rating=9", s.readKey), 400, "invalid_input");
    }

    static void assertProblem(HttpResponse<String> r, int status, String type) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        Map<String, Object> p = ServerFixture.json(r);
        assertThat(p).containsEntry("type", "/api#" + type).containsEntry("status", status).containsKeys("title", "detail");
    }

    static void assertNothingStoredAndStillServing() throws Exception {
        assertThat(s.loop.database().count()).isZero();
        assertThat(s.get("/health", null).statusCode()).isEqualTo(200);
    }
}
