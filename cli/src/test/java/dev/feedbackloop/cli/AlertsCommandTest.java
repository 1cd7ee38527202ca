package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.feedbackloop.alerts.WebhookSignature;
import dev.feedbackloop.internal.Json;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** feedback review and feedback alerts against a real database and a webhook receiver on loopback. */
class AlertsCommandTest {
    @TempDir
    Path dir;
    private HttpServer receiver;
    private final AtomicInteger status = new AtomicInteger(200);
    /** What the receiver answers in its body (none when empty). */
    private final java.util.concurrent.atomic.AtomicReference<String> answer = new java.util.concurrent.atomic.AtomicReference<>("");
    private final List<String[]> received = new CopyOnWriteArrayList<>(); // {signature, body}

    @BeforeEach
    void receiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            received.add(new String[] {ex.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                new String(body, java.nio.charset.StandardCharsets.UTF_8)});
            byte[] answer = this.answer.get().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status.get(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                ex.getResponseBody().write(answer);
            }
            ex.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/feedback";
    }

    private String db() {
        return dir.resolve("f.db").toString();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWebhookIsAddedWithASecretShownOnceTestedAndSentTheReview() {
        CliRun.fill(dir.resolve("f.db"), 600, 30, 1);
        CliRun added = CliRun.run("alerts", "add", "hook", "--type", "webhook", "--url", url(), "--db", db());
        assertThat(added.exitCode()).isZero();
        String secret = added.out().strip();
        assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);

        CliRun listed = CliRun.run("alerts", "destinations", "--db", db(), "--json");
        assertThat(listed.out()).contains("\"hook\"").doesNotContain(secret);

        CliRun tested = CliRun.run("alerts", "test", "--db", db());
        assertThat(tested.exitCode()).isZero();
        assertThat(tested.out()).contains("hook").contains("delivered").contains("HTTP 200");
        String[] sample = received.get(0);
        assertThat(WebhookSignature.verify(secret, sample[0], sample[1].getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Instant.now(), Duration.ofMinutes(5))).isTrue();

        CliRun review = CliRun.run("review", "--period", "weekly", "--deliver", "--json", "--db", db(),
                "--reports-dir", dir.resolve("reports").toString());
        assertThat(review.exitCode()).as(review.err()).isZero();
        Map<String, Object> r = review.json();
        assertThat((String) r.get("title")).startsWith("Weekly review ");
        assertThat(Path.of((String) r.get("html_report"))).exists();
        assertThat((List<Map<String, Object>>) r.get("deliveries")).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("state", "delivered"));
        Map<String, Object> delivered = Json.parseObject(received.get(1)[1], "webhook");
        assertThat(delivered).containsEntry("kind", "review").containsEntry("idempotency_key", r.get("event_key"));

        CliRun list = CliRun.run("alerts", "list", "--db", db(), "--json");
        assertThat((List<Object>) list.json().get("deliveries")).hasSize(1);
    }

    @Test
    void aDestinationThatFailsIsReportedAndItsDeliveryWaitsForARetry() {
        status.set(500);
        assertThat(CliRun.run("alerts", "add", "team", "--type", "slack", "--url", url(), "--db", db()).exitCode()).isZero();
        CliRun tested = CliRun.run("alerts", "test", "--db", db());
        assertThat(tested.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(tested.out()).contains("team").contains("FAILED").contains("HTTP 500");
        // Slack gets blocks, unsigned
        assertThat(received.get(0)[0]).isNull();
        assertThat(received.get(0)[1]).contains("\"blocks\"");

        CliRun.fill(dir.resolve("f.db"), 300, 30, 2);
        CliRun review = CliRun.run("review", "--period", "monthly", "--deliver", "--db", db(),
                "--reports-dir", dir.resolve("reports").toString());
        assertThat(review.exitCode()).isZero();
        assertThat(review.out()).contains("delivery to team: pending").contains("HTTP 500");
        assertThat(CliRun.run("alerts", "list", "--dead", "--db", db()).out()).contains("No dead letters.");
    }

    @Test
    void whatAFailingReceiverAnswersCannotDriveTheTerminal() {
        status.set(500);
        answer.set("down\u001b]52;c;ZXZpbA==\u0007\u001b[2J");
        assertThat(CliRun.run("alerts", "add", "team", "--type", "slack", "--url", url(), "--db", db()).exitCode()).isZero();
        CliRun.fill(dir.resolve("f.db"), 300, 30, 2);
        CliRun review = CliRun.run("review", "--period", "monthly", "--deliver", "--db", db(),
                "--reports-dir", dir.resolve("reports").toString());
        assertThat(review.exitCode()).as(review.err()).isZero();
        assertThat(review.out()).contains("delivery to team: pending").contains("HTTP 500: down")
                .doesNotContain("\u001b").doesNotContain("\u0007");
    }

    @Test
    void badInputIsExitTwo() {
        assertThat(CliRun.run("alerts", "add", "x", "--type", "pager", "--url", url(), "--db", db()).exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.run("alerts", "add", "x", "--type", "email", "--to", "a@b.c", "--db", db()).err())
                .contains("SMTP host");
        assertThat(CliRun.run("alerts", "remove", "nobody", "--db", db()).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.run("alerts", "test", "--db", db()).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.run("review", "--period", "daily", "--db", db()).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.run("review", "--period", "weekly", "--zone", "Mars/Olympus", "--db", db()).exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.run("alerts", "check", "--weekly-cron", "61 * * * *", "--db", db()).exitCode())
                .isEqualTo(ExitCodes.USAGE);
    }
}
