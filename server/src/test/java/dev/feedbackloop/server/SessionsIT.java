package dev.feedbackloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.access.KeyScope;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dashboard sessions live in the database: a cookie still works after the server restarts on the same
 * database, and on a second instance sharing it; a sign-out on one instance is refused by the other
 * at once. Over a SQLite file here; {@code PostgresSessionsIT} runs the same over PostgreSQL.
 */
class SessionsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    /** The database both instances open. */
    String location() {
        return dir.resolve("feedback.db").toString();
    }

    private static URI uri(FeedbackServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static String origin(FeedbackServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String login(FeedbackServer server, String key) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri(server, "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", origin(server))
                .POST(HttpRequest.BodyPublishers.ofString("key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)
                        + "&next=%2F")));
        assertThat(r.statusCode()).isEqualTo(303);
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }

    private static int session(FeedbackServer server, String cookie) throws Exception {
        return send(HttpRequest.newBuilder(uri(server, "/api/v1/session")).header("Cookie", cookie).GET()).statusCode();
    }

    @Test
    void aSessionSurvivesARestartAndASignOutEndsItOnEveryInstance() throws Exception {
        String location = location();
        String readKey;
        String cookie;
        try (FeedbackLoop first = FeedbackLoop.open(location)) {
            readKey = first.keys().create("dashboard", KeyScope.READ, List.of()).secret();
            FeedbackServer a = FeedbackServer.start(first, ServerSettings.defaults("127.0.0.1", 0), line -> { });
            try {
                cookie = login(a, readKey);
                assertThat(session(a, cookie)).isEqualTo(200);
            } finally {
                a.stop();
            }
        }
        try (FeedbackLoop again = FeedbackLoop.open(location); FeedbackLoop other = FeedbackLoop.open(location)) {
            FeedbackServer a = FeedbackServer.start(again, ServerSettings.defaults("127.0.0.1", 0), line -> { });
            FeedbackServer b = FeedbackServer.start(other, ServerSettings.defaults("127.0.0.1", 0), line -> { });
            try {
                assertThat(session(a, cookie)).as("after the restart").isEqualTo(200);
                assertThat(session(b, cookie)).as("on the other instance").isEqualTo(200);
                assertThat(session(a, "feedback_session=forged")).isEqualTo(401);

                HttpResponse<String> out = send(HttpRequest.newBuilder(uri(a, "/logout")).header("Cookie", cookie)
                        .header("Origin", origin(a)).POST(HttpRequest.BodyPublishers.noBody()));
                assertThat(out.statusCode()).isEqualTo(303);
                // B's very next request is refused: no instance keeps a copy of a session to go stale
                assertThat(session(b, cookie)).as("signed out on A, refused on B").isEqualTo(401);
                assertThat(session(a, cookie)).isEqualTo(401);

                // revoking the key on B ends its other sessions on A
                String second = login(a, readKey);
                assertThat(session(b, second)).isEqualTo(200);
                assertThat(other.keys().revoke("dashboard")).isTrue();
                assertThat(session(a, second)).isEqualTo(401);
            } finally {
                a.stop();
                b.stop();
            }
        }
    }
}
