package dev.feedbackloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.access.KeyScope;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.storage.postgres.PostgresServer;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The database restarts while captures stream in: every acknowledged capture is stored, requests
 * during the outage get 503 with Retry-After, and the service recovers by itself. A server of its
 * own (not the shared one), since it is stopped.
 */
class PostgresRestartIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void restartUnderLoadLosesNoAcknowledgedCapture() throws Exception {
        try (PostgresServer pg = PostgresServer.startNew()) {
            String url = pg.createDatabase("restart");
            try (FeedbackLoop loop = FeedbackLoop.open(url)) {
                String key = loop.keys().create("app", KeyScope.CAPTURE, List.of()).secret();
                FeedbackServer server = FeedbackServer.start(loop, ServerSettings.defaults("127.0.0.1", 0), line -> { });
                Set<String> acknowledged = ConcurrentHashMap.newKeySet();
                AtomicInteger unavailable = new AtomicInteger();
                AtomicInteger withRetryAfter = new AtomicInteger();
                AtomicInteger other = new AtomicInteger();
                AtomicInteger next = new AtomicInteger();
                long end = System.nanoTime() + Duration.ofSeconds(12).toNanos();
                ExecutorService clients = Executors.newFixedThreadPool(8);
                try {
                    List<Future<?>> running = new ArrayList<>();
                    for (int t = 0; t < 8; t++) {
                        running.add(clients.submit(() -> {
                            while (System.nanoTime() < end) {
                                String id = "r-" + next.incrementAndGet();
                                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + server.port() + "/api/v1/feedback"))
                                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                                        .timeout(Duration.ofSeconds(30))
                                        .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("feedback_id", id,
                                                "prompt", "Explain " + id, "output", "o", "rating", 4)))).build(),
                                        HttpResponse.BodyHandlers.ofString());
                                if (r.statusCode() == 201) {
                                    acknowledged.add(id);
                                } else if (r.statusCode() == 503) {
                                    unavailable.incrementAndGet();
                                    if (r.headers().firstValue("Retry-After").isPresent()) {
                                        withRetryAfter.incrementAndGet();
                                    }
                                    Thread.sleep(50);
                                } else {
                                    other.incrementAndGet();
                                }
                            }
                            return null;
                        }));
                    }
                    Thread.sleep(3_000);
                    pg.stop();
                    Thread.sleep(3_000);
                    pg.start();
                    for (Future<?> f : running) {
                        f.get();
                    }
                    int before = acknowledged.size();
                    HttpResponse<String> after = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/api/v1/feedback"))
                            .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("prompt", "after", "output", "o",
                                    "rating", 5)))).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(after.statusCode()).as("recovered by itself").isEqualTo(201);
                    assertThat(unavailable.get()).as("requests during the outage").isPositive();
                    assertThat(withRetryAfter.get()).isEqualTo(unavailable.get());
                    assertThat(other.get()).isZero();
                    assertThat(before).isGreaterThan(50);
                    for (String id : acknowledged) {
                        assertThat(loop.database().findById(id)).as(id).isPresent();
                    }
                } finally {
                    clients.shutdownNow();
                    server.stop();
                }
            }
        }
    }
}
