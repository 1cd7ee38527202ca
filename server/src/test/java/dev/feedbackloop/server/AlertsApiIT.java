package dev.feedbackloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.access.KeyScope;
import dev.feedbackloop.alerts.AlertConfig;
import dev.feedbackloop.alerts.Delivery;
import dev.feedbackloop.alerts.Destination;
import dev.feedbackloop.alerts.Outbox;
import dev.feedbackloop.internal.Json;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The service's scheduler and alert routes, with a webhook receiver on loopback that hangs on its first request. */
class AlertsApiIT {
    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @Timeout(120) // liveness only
    @SuppressWarnings("unchecked")
    void aHangingReceiverDoesNotHoldTheServiceAndItsDeliveryIsRetried() throws Exception {
        CountDownLatch hanging = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            if (calls.getAndIncrement() == 0) {
                hanging.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ex.close();
                return;
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
        AlertConfig config = AlertConfig.DEFAULT.withRetry(new Outbox.Retry(5, Duration.ofMillis(200),
                Duration.ofSeconds(1), Duration.ofSeconds(2)));
        try (FeedbackLoop loop = FeedbackLoop.builder(dir.resolve("feedback.db").toString()).alerts(config).open()) {
            String read = loop.keys().create("dashboard", KeyScope.READ, List.of()).secret();
            String capture = loop.keys().create("app", KeyScope.CAPTURE, List.of()).secret();
            loop.alerts().addDestination(new Destination("hook", Destination.Type.WEBHOOK,
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "a-signing-secret-of-32-characters",
                    Map.of(), loop.clock().instant()));
            loop.database().alertStore().enqueue(List.of(Delivery.queued("alert/test", "hook", "alert",
                    FeedbackJson.write(Map.of("title", "t", "lines", List.of("l"))), loop.clock().instant())));
            FeedbackServer server = FeedbackServer.start(loop, ServerSettings.defaults("127.0.0.1", 0)
                    .withAlertTick(Duration.ofMillis(100)), line -> { });
            try {
                assertThat(hanging.await(60, TimeUnit.SECONDS)).isTrue();
                // the scheduler's thread waits on the receiver: the API answers all the same
                assertThat(get(server, "/health", null).statusCode()).isEqualTo(200);
                HttpResponse<String> captured = http.send(HttpRequest.newBuilder(uri(server, "/api/v1/feedback"))
                        .header("Authorization", "Bearer " + capture).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"p\", \"output\": \"o\", \"rating\": 5}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(captured.statusCode()).isEqualTo(201);
                HttpResponse<String> during = get(server, "/api/v1/alerts/deliveries", read);
                assertThat(during.statusCode()).isEqualTo(200);
                // after the send timeout the attempt fails, and the next one is delivered
                String state = "";
                for (int i = 0; i < 600 && !state.equals("delivered"); i++) {
                    Thread.sleep(100);
                    Map<String, Object> body = (Map<String, Object>) Json.parse(get(server, "/api/v1/alerts/deliveries", read).body());
                    state = (String) ((List<Map<String, Object>>) body.get("deliveries")).get(0).get("state");
                }
                assertThat(state).isEqualTo("delivered");
                Map<String, Object> body = (Map<String, Object>) Json.parse(get(server, "/api/v1/alerts/deliveries?state=delivered", read).body());
                Map<String, Object> d = ((List<Map<String, Object>>) body.get("deliveries")).get(0);
                assertThat(d).containsEntry("attempts", 2).containsEntry("last_status", "HTTP 200");
                Map<String, Object> hook = ((List<Map<String, Object>>) body.get("destinations")).get(0);
                assertThat(hook).containsEntry("name", "hook").containsEntry("signed", true);
                assertThat(get(server, "/api/v1/alerts/deliveries", read).body()).doesNotContain("a-signing-secret");
                assertThat(get(server, "/api/v1/alerts/deliveries?state=lost", read).statusCode()).isEqualTo(400);
                assertThat(get(server, "/api/v1/alerts", null).statusCode()).isEqualTo(401);
                assertThat(Json.parse(get(server, "/api/v1/alerts", read).body())).isEqualTo(Map.of("alerts", List.of()));
                // counted when the tick that delivered returns, a moment after the row says delivered
                String metrics = "";
                for (int i = 0; i < 300 && !metrics.contains("result=\"delivered\"} 1.0"); i++) {
                    Thread.sleep(100);
                    metrics = get(server, "/metrics", null).body();
                }
                assertThat(metrics)
                        .contains("feedback_alerts_deliveries_total{result=\"delivered\"} 1.0")
                        .contains("feedback_alerts_deliveries_total{result=\"retried\"} 1.0");
            } finally {
                release.countDown();
                server.stop();
            }
        } finally {
            receiver.stop(0);
        }
    }

    private HttpResponse<String> get(FeedbackServer server, String path, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(server, path)).GET();
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(FeedbackServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
