package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.access.KeyScope;
import dev.feedbackloop.internal.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code feedback serve} as its own process: killed hard under load, or stopped with SIGTERM. */
class ServeProcessIT {
    private static final Pattern LISTENING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedCaptureSurvivesKillDashNine() throws Exception {
        Path db = dir.resolve("feedback.db");
        Load load = new Load(db, 16);
        load.awaitAcknowledged(500);
        load.server.destroyForcibly();
        load.stop();
        try (FeedbackLoop loop = FeedbackLoop.open(db)) {
            for (String id : load.ledger) {
                assertThat(loop.database().findById(id)).as("acknowledged " + id).isPresent();
            }
        }
    }

    @Test
    void sigtermStopsGracefullyWithExitZero() throws Exception {
        Path db = dir.resolve("feedback.db");
        Load load = new Load(db, 1);
        load.awaitAcknowledged(50);
        load.server.destroy();
        load.stop();
        assertThat(load.server.exitValue()).isZero();
        try (FeedbackLoop loop = FeedbackLoop.open(db)) {
            assertThat(load.ledger).allSatisfy(id -> assertThat(loop.database().findById(id)).isPresent());
        }
    }

    /** A server process on {@code db} and clients capturing into it; the ledger holds every id that got a 2xx. */
    private final class Load {
        final Process server;
        final Set<String> ledger = ConcurrentHashMap.newKeySet();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> clients = new java.util.ArrayList<>();

        Load(Path db, int clientCount) throws Exception {
            String key = createKey(db);
            server = start(db);
            int port = port(server);
            for (int t = 0; t < clientCount; t++) {
                int client = t;
                Thread th = new Thread(() -> capture(port, key, client, running, ledger));
                th.start();
                clients.add(th);
            }
        }

        void awaitAcknowledged(int n) throws InterruptedException {
            while (ledger.size() < n) {
                Thread.sleep(20);
            }
        }

        /** After the server was told to end: waits for it, then stops the clients. */
        void stop() throws InterruptedException {
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
            running.set(false);
            for (Thread th : clients) {
                th.join();
            }
        }
    }

    private static String createKey(Path db) {
        try (FeedbackLoop loop = FeedbackLoop.open(db)) {
            return loop.keys().create("loadtest", KeyScope.CAPTURE, List.of()).secret();
        }
    }

    private Process start(Path db) throws Exception {
        return new ProcessBuilder(Subprocess.javaCommand("serve", "--db", db.toString(), "--port", "0"))
                .directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Reads stderr until the server says where it listens; the rest of stderr is drained in the background. */
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

    /** Captures until stopped or the server is gone; records each id that got a 2xx. */
    private static void capture(int port, String key, int client, AtomicBoolean running, Set<String> ledger) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; running.get(); i++) {
            String id = "c" + client + "-" + i;
            String body = Json.write(Map.of("feedback_id", id, "prompt", "prompt " + i, "output", "output", "rating", 1 + i % 5));
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/feedback"))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 == 2) {
                    ledger.add(id);
                }
            } catch (java.io.IOException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
