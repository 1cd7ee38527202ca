package dev.feedbackloop.server;

import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.access.KeyScope;
import dev.feedbackloop.internal.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real server on a loopback port over a real SQLite file, with one key of each scope. */
final class ServerFixture implements AutoCloseable {
    final FeedbackLoop loop;
    final FeedbackServer server;
    final HttpClient http = HttpClient.newHttpClient();
    final List<String> log = new CopyOnWriteArrayList<>();
    final String captureKey;
    final String readKey;
    final String adminKey;

    ServerFixture(Path dir, ServerSettings settings) {
        this(dir.resolve("feedback.db").toString(), settings);
    }

    /** The same over the database at {@code location} (a SQLite file or a PostgreSQL URL). */
    ServerFixture(String location, ServerSettings settings) {
        loop = FeedbackLoop.open(location);
        captureKey = loop.keys().create("app", KeyScope.CAPTURE, List.of("https://app.example")).secret();
        readKey = loop.keys().create("dashboard", KeyScope.READ, List.of()).secret();
        adminKey = loop.keys().create("ops", KeyScope.ADMIN, List.of()).secret();
        server = FeedbackServer.start(loop, settings, line -> {
            log.add(line);
            System.err.println(line);
        });
    }

    ServerFixture(Path dir) {
        this(dir, ServerSettings.defaults("127.0.0.1", 0));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String key, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return send(b);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(HttpResponse<String> response) {
        return (Map<String, Object>) Json.parse(response.body());
    }

    static String entry(String prompt, int rating) {
        return Json.write(Map.of("prompt", prompt, "output", "an answer", "rating", rating));
    }

    @Override
    public void close() {
        server.stop();
        loop.close();
    }
}
