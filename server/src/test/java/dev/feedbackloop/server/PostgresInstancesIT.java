package dev.feedbackloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.access.KeyScope;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.storage.postgres.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two service instances on one PostgreSQL database, as behind a load balancer: captures sent to
 * both at once are all stored once; an identical retry sent to the other instance is a no-op; each
 * instance sees what the other wrote (reads, the router's tallies, key revocation).
 */
class PostgresInstancesIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpResponse<String> post(FeedbackServer server, String key, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/feedback"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(FeedbackServer server, String key, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void twoInstancesShareOneDatabase() throws Exception {
        String url = TestPostgres.newDatabase();
        try (FeedbackLoop a = FeedbackLoop.open(url); FeedbackLoop b = FeedbackLoop.open(url)) {
            String capture = a.keys().create("app", KeyScope.CAPTURE, List.of()).secret();
            String admin = a.keys().create("ops", KeyScope.ADMIN, List.of()).secret();
            FeedbackServer sa = FeedbackServer.start(a, ServerSettings.defaults("127.0.0.1", 0), line -> { });
            FeedbackServer sb = FeedbackServer.start(b, ServerSettings.defaults("127.0.0.1", 0), line -> { });
            ExecutorService clients = Executors.newFixedThreadPool(16);
            try {
                int n = 400;
                Set<String> acknowledged = ConcurrentHashMap.newKeySet();
                List<Future<?>> sent = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int k = i;
                    sent.add(clients.submit(() -> {
                        String body = Json.write(Map.of("feedback_id", "c-" + k, "prompt", "Explain item " + k,
                                "output", "answer " + k, "rating", 1 + k % 5,
                                "context", Map.of("task_type", "explanation", "framework", "chain-of-thought")));
                        HttpResponse<String> first = post(k % 2 == 0 ? sa : sb, capture, body);
                        // the identical retry goes to the other instance
                        HttpResponse<String> retry = post(k % 2 == 0 ? sb : sa, capture, body);
                        assertThat(first.statusCode()).isEqualTo(201);
                        assertThat(retry.statusCode()).isEqualTo(201);
                        assertThat(retry.body()).isEqualTo(first.body());
                        acknowledged.add("c-" + k);
                        return null;
                    }));
                }
                for (Future<?> f : sent) {
                    f.get();
                }
                assertThat(acknowledged).hasSize(n);
                assertThat(a.database().count()).isEqualTo(n);
                assertThat(b.database().count()).isEqualTo(n);

                // what one instance wrote, the other reads at once
                post(sa, capture, Json.write(Map.of("feedback_id", "late", "prompt", "p", "output", "o", "rating", 5)));
                assertThat(get(sb, admin, "/api/v1/feedback/late").statusCode()).isEqualTo(200);
                assertThat(b.routePrompt("Explain how a hash map works").reasoning()).isNotBlank();

                // a key revoked through one instance's database stops working on the other within seconds
                a.keys().revoke("app");
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                int status = 0;
                while (System.nanoTime() < deadline && status != 401) {
                    status = post(sb, capture, Json.write(Map.of("prompt", "p", "output", "o", "rating", 5))).statusCode();
                    Thread.sleep(100);
                }
                assertThat(status).isEqualTo(401);
            } finally {
                clients.shutdownNow();
                sa.stop();
                sb.stop();
            }
        }
    }
}
