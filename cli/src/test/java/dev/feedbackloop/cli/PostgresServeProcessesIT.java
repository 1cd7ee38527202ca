package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.access.KeyScope;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.storage.postgres.TestPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code feedback serve} processes on one PostgreSQL database, as behind a load balancer: clients
 * send each capture to one and its identical retry to the other. Every acknowledged capture is stored
 * once, every retry gets the first answer, and the key created after both started reaches both
 * (their key caches read the database).
 */
class PostgresServeProcessesIT {
    private static final Pattern LISTENING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void twoServeProcessesOnOneDatabase() throws Exception {
        String url = TestPostgres.newDatabase();
        Process a = start(url);
        Process b = start(url);
        List<Process> servers = List.of(a, b);
        try {
            int[] ports = {port(a), port(b)};
            String key;
            try (FeedbackLoop loop = FeedbackLoop.open(url)) {
                key = loop.keys().create("app", KeyScope.CAPTURE, List.of()).secret();
            }
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger differentRetries = new AtomicInteger();
            List<Thread> clients = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int client = t;
                Thread th = new Thread(() -> {
                    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                    for (int i = 0; i < 60; i++) {
                        String id = "p" + client + "-" + i;
                        String body = Json.write(Map.of("feedback_id", id, "prompt", "prompt " + i, "output", "o",
                                "rating", 1 + i % 5));
                        try {
                            HttpResponse<String> first = post(http, ports[i % 2], key, body);
                            HttpResponse<String> retry = post(http, ports[(i + 1) % 2], key, body);
                            if (first.statusCode() == 201) {
                                acknowledged.add(id);
                                if (retry.statusCode() != 201 || !retry.body().equals(first.body())) {
                                    differentRetries.incrementAndGet();
                                }
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
                th.start();
                clients.add(th);
            }
            for (Thread th : clients) {
                th.join();
            }
            assertThat(acknowledged).hasSizeGreaterThan(400);
            assertThat(differentRetries.get()).isZero();
            try (FeedbackLoop loop = FeedbackLoop.open(url)) {
                for (String id : acknowledged) {
                    assertThat(loop.database().findById(id)).as(id).isPresent();
                }
                assertThat(loop.database().count()).isEqualTo(acknowledged.size());
            }
        } finally {
            for (Process p : servers) {
                p.destroy();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static HttpResponse<String> post(HttpClient http, int port, String key, String body) throws Exception {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/feedback"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            // a key created a moment ago reaches each server's key cache within about a second
            if (r.statusCode() != 401 || attempt >= 30) {
                return r;
            }
            Thread.sleep(100);
        }
    }

    private Process start(String url) throws Exception {
        return new ProcessBuilder(Subprocess.javaCommand("serve", "--db", url, "--port", "0"))
                .directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static int port(Process server) throws Exception {
        BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8));
        for (String line; (line = err.readLine()) != null; ) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> err.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("the server ended without listening");
    }
}
