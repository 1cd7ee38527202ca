package dev.feedbackloop.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.storage.AlertStore;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    private static final String SECRET = "a-signing-secret-of-32-characters";
    private static final Outbox.Retry RETRY = new Outbox.Retry(3, Duration.ofSeconds(30), Duration.ofMinutes(10),
            Duration.ofSeconds(1));

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock(Instant.parse("2026-12-07T09:00:00Z"), ZoneOffset.UTC);

    /** The store of the database named {@code db} (a SQLite file here; subclasses run on other databases). */
    FeedbackStore openStore(Path db) {
        return SqliteFeedbackStore.open(db);
    }

    private Outbox outbox(AlertStore store) {
        return new Outbox(store, new Senders(clock, RETRY.sendTimeout(), "https://feedback.example"), clock, RETRY,
                new SplittableRandom(1));
    }

    private static String payload() {
        return FeedbackJson.write(Map.of("title", "Success rate of framework CoT dropped",
                "lines", List.of("From 70.0% to 55.0% since 2026-12-01 <@channel>"), "link", "/?period=7d&framework=CoT"));
    }

    private void webhook(AlertStore store, String url) {
        store.addDestination(new Destination("hook", Destination.Type.WEBHOOK, url, SECRET, Map.of(), clock.instant()));
    }

    @Test
    void aWebhookIsSignedOverTimestampAndBodyAndCarriesItsIdempotencyKey() throws Exception {
        try (Receiver receiver = new Receiver(200); FeedbackStore store = openStore(dir.resolve("f.db"))) {
            webhook(store.alertStore(), receiver.url("/hooks/feedback"));
            Outbox outbox = outbox(store.alertStore());
            assertThat(outbox.queue("alert/1", "alert", payload(), null)).isEqualTo(1);
            assertThat(outbox.queue("alert/1", "alert", payload(), null)).isZero();
            assertThat(outbox.deliverDue().delivered()).isEqualTo(1);

            Receiver.Request r = receiver.requests().get(0);
            String signature = r.header(WebhookSignature.HEADER);
            assertThat(WebhookSignature.verify(SECRET, signature, r.body(), clock.instant(), WebhookSignature.DEFAULT_WINDOW)).isTrue();
            assertThat(WebhookSignature.verify("another-secret-of-32-characters!", signature, r.body(), clock.instant(),
                    WebhookSignature.DEFAULT_WINDOW)).isFalse();
            byte[] tampered = r.text().replace("70.0%", "71.0%").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(WebhookSignature.verify(SECRET, signature, tampered, clock.instant(), WebhookSignature.DEFAULT_WINDOW)).isFalse();
            // a captured request replayed later than the window is refused
            assertThat(WebhookSignature.verify(SECRET, signature, r.body(), clock.instant().plus(Duration.ofMinutes(6)),
                    WebhookSignature.DEFAULT_WINDOW)).isFalse();
            Map<String, Object> body = Json.parseObject(r.text(), "body");
            assertThat(body).containsEntry("idempotency_key", "alert/1").containsEntry("kind", "alert");
            assertThat(r.header("Idempotency-Key")).isEqualTo("alert/1");
        }
    }

    @Test
    void deadLettersAreListedHoweverManyDeliveriesAreNewer() {
        try (FeedbackStore store = openStore(dir.resolve("f.db"))) {
            AlertStore alerts = store.alertStore();
            webhook(alerts, "http://127.0.0.1:9/");
            Instant t = clock.instant();
            alerts.enqueue(List.of(Delivery.queued("alert/old", "hook", "alert", "{}", t),
                    Delivery.queued("alert/mid", "hook", "alert", "{}", t.plusSeconds(1)),
                    Delivery.queued("alert/new", "hook", "alert", "{}", t.plusSeconds(2))));
            alerts.settle("alert/old/hook", Delivery.State.DEAD, t, "HTTP 410", "gone", t.plusSeconds(3));

            assertThat(alerts.deliveries(1)).extracting(Delivery::key).containsExactly("alert/new/hook");
            assertThat(alerts.deliveries(1, Delivery.State.DEAD)).extracting(Delivery::key)
                    .containsExactly("alert/old/hook");
            assertThat(alerts.deliveries(10, Delivery.State.PENDING)).extracting(Delivery::key)
                    .containsExactly("alert/new/hook", "alert/mid/hook");
            assertThat(alerts.deliveries(10, Delivery.State.DELIVERED)).isEmpty();
        }
    }

    @Test
    void aFailureThenSuccessDeliversOnceAfterTheBackoff() throws Exception {
        try (Receiver receiver = new Receiver(500, 200); FeedbackStore store = openStore(dir.resolve("f.db"))) {
            webhook(store.alertStore(), receiver.url("/"));
            Outbox outbox = outbox(store.alertStore());
            outbox.queue("alert/2", "alert", payload(), null);
            assertThat(outbox.deliverDue()).isEqualTo(new Outbox.Pass(0, 1, 0));
            // not due again before its backoff (at least half of 30 s)
            clock.advance(Duration.ofSeconds(14));
            assertThat(outbox.deliverDue()).isEqualTo(new Outbox.Pass(0, 0, 0));
            clock.advance(Duration.ofSeconds(16));
            assertThat(outbox.deliverDue()).isEqualTo(new Outbox.Pass(1, 0, 0));
            clock.advance(Duration.ofHours(2));
            assertThat(outbox.deliverDue()).isEqualTo(new Outbox.Pass(0, 0, 0));

            assertThat(receiver.requests()).extracting(Receiver.Request::answered).containsExactly(500, 200);
            Delivery d = store.alertStore().deliveries(10).get(0);
            assertThat(d.state()).isEqualTo(Delivery.State.DELIVERED);
            assertThat(d.attempts()).isEqualTo(2);
            assertThat(d.lastStatus()).isEqualTo("HTTP 200");
            // both attempts sent the same body: the receiver can drop a repeat by its key
            assertThat(receiver.requests().get(0).text()).isEqualTo(receiver.requests().get(1).text());
        }
    }

    @Test
    void aRestartDuringTheBackoffStillDeliversOnce() throws Exception {
        Path db = dir.resolve("f.db");
        try (Receiver receiver = new Receiver(503, 200)) {
            try (FeedbackStore store = openStore(db)) {
                webhook(store.alertStore(), receiver.url("/"));
                Outbox outbox = outbox(store.alertStore());
                outbox.queue("review/2026-W49", "review", payload(), null);
                assertThat(outbox.deliverDue().retried()).isEqualTo(1);
            }
            clock.advance(Duration.ofMinutes(5));
            try (FeedbackStore store = openStore(db)) {
                Outbox outbox = outbox(store.alertStore());
                // queueing the same event again after the restart changes nothing
                assertThat(outbox.queue("review/2026-W49", "review", payload(), null)).isZero();
                assertThat(outbox.deliverDue().delivered()).isEqualTo(1);
                clock.advance(Duration.ofHours(1));
                assertThat(outbox.deliverDue()).isEqualTo(new Outbox.Pass(0, 0, 0));
            }
            assertThat(receiver.requests()).extracting(Receiver.Request::answered).containsExactly(503, 200);
        }
    }

    @Test
    void afterTheLastAttemptADeliveryIsDeadAndNeverSentAgain() throws Exception {
        try (Receiver receiver = new Receiver(500); FeedbackStore store = openStore(dir.resolve("f.db"))) {
            webhook(store.alertStore(), receiver.url("/"));
            Outbox outbox = outbox(store.alertStore());
            outbox.queue("alert/3", "alert", payload(), null);
            for (int i = 0; i < 6; i++) {
                outbox.deliverDue();
                clock.advance(Duration.ofMinutes(20));
            }
            assertThat(receiver.requests()).hasSize(RETRY.maxAttempts());
            Delivery d = store.alertStore().deliveries(10).get(0);
            assertThat(d.state()).isEqualTo(Delivery.State.DEAD);
            assertThat(d.lastError()).contains("HTTP 500");
        }
    }

    @Test
    @Timeout(60) // liveness only: without a send timeout this test would never end
    void aReceiverThatHangsCostsOneTimeoutPerPassAndOthersStillGetTheirs() throws Exception {
        try (Receiver hanging = new Receiver(Receiver.HANG, 200); Receiver healthy = new Receiver(200);
             FeedbackStore store = openStore(dir.resolve("f.db"))) {
            webhook(store.alertStore(), hanging.url("/"));
            store.alertStore().addDestination(new Destination("healthy", Destination.Type.WEBHOOK, healthy.url("/"), SECRET,
                    Map.of(), clock.instant()));
            Outbox outbox = outbox(store.alertStore());
            outbox.queue("alert/4", "alert", payload(), null);
            outbox.queue("alert/5", "alert", payload(), null);
            // one timeout for the hanging receiver (its second event waits for the next pass), both to the other
            assertThat(outbox.deliverDue()).isEqualTo(new Outbox.Pass(2, 1, 0));
            assertThat(hanging.requests()).hasSize(1);
            assertThat(healthy.requests()).hasSize(2);
            Delivery first = store.alertStore().deliveries(10).stream().filter(d -> d.key().equals("alert/4/hook"))
                    .findFirst().orElseThrow();
            assertThat(first.state()).isEqualTo(Delivery.State.PENDING);
            assertThat(first.lastError()).containsIgnoringCase("timed out");
            clock.advance(Duration.ofMinutes(1));
            assertThat(outbox.deliverDue().delivered()).isEqualTo(2);
        }
    }

    @Test
    void slackGetsBlocksWithWhatUsersTypedEscapedAndAnAbsoluteLink() throws Exception {
        try (Receiver receiver = new Receiver(200); FeedbackStore store = openStore(dir.resolve("f.db"))) {
            store.alertStore().addDestination(new Destination("team", Destination.Type.SLACK,
                    receiver.url("/services/T000/B000/XXXX"), null, Map.of(), clock.instant()));
            Outbox outbox = outbox(store.alertStore());
            outbox.queue("alert/5", "alert", payload(), null);
            assertThat(outbox.deliverDue().delivered()).isEqualTo(1);
            String body = receiver.requests().get(0).text();
            Map<String, Object> msg = Json.parseObject(body, "slack");
            assertThat(msg).containsKey("blocks").containsEntry("text", "Success rate of framework CoT dropped");
            assertThat(body).contains("&lt;@channel&gt;").doesNotContain("<@channel>")
                    .contains("https://feedback.example/?period=7d&framework=CoT");
            assertThat(receiver.requests().get(0).header(WebhookSignature.HEADER)).isNull();
        }
    }

    @Test
    void anEmailGoesThroughSmtp() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (FeedbackStore store = openStore(dir.resolve("f.db"))) {
            int port = smtp.getSmtp().getPort();
            store.alertStore().addDestination(new Destination("oncall", Destination.Type.EMAIL, "oncall@example.org", null,
                    Map.of("host", "127.0.0.1", "port", String.valueOf(port), "from", "alerts@example.org"), clock.instant()));
            Outbox outbox = outbox(store.alertStore());
            outbox.queue("alert/6", "alert", payload(), null);
            assertThat(outbox.deliverDue().delivered()).isEqualTo(1);
            MimeMessage[] got = smtp.getReceivedMessages();
            assertThat(got).hasSize(1);
            assertThat(got[0].getSubject()).isEqualTo("Success rate of framework CoT dropped");
            assertThat(got[0].getAllRecipients()[0].toString()).isEqualTo("oncall@example.org");
            assertThat((String) got[0].getContent()).contains("From 70.0% to 55.0%")
                    .contains("https://feedback.example/?period=7d&framework=CoT").contains("alert/6");
        } finally {
            smtp.stop();
        }
    }

    /**
     * An SMTP server that answers every step within the send timeout, but slowly: the exchange lasts longer
     * than three send timeouts (the claim an e-mail had before). A second process that runs the outbox
     * meanwhile must not send the same e-mail again (with the old claim, it did: two messages).
     */
    @Test
    @Timeout(60)
    void aSlowSmtpExchangeKeepsItsClaimSoNoOtherProcessSendsTheEmailAgain() throws Exception {
        try (SlowSmtp smtp = new SlowSmtp(150); FeedbackStore store = openStore(dir.resolve("f.db"))) {
            store.alertStore().addDestination(new Destination("oncall", Destination.Type.EMAIL, "oncall@example.org", null,
                    Map.of("host", "127.0.0.1", "port", String.valueOf(smtp.port()), "from", "alerts@example.org"),
                    clock.instant()));
            Outbox first = outbox(store.alertStore());
            Outbox second = outbox(store.alertStore());
            first.queue("alert/7", "alert", payload(), null);
            java.util.concurrent.CompletableFuture<Outbox.Pass> sending =
                    java.util.concurrent.CompletableFuture.supplyAsync(first::deliverDue);
            assertThat(smtp.mailFrom.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            clock.advance(RETRY.sendTimeout().multipliedBy(4));     // past the old claim, mid-exchange
            assertThat(second.deliverDue().delivered()).isZero();
            assertThat(sending.get(30, java.util.concurrent.TimeUnit.SECONDS).delivered()).isEqualTo(1);
            assertThat(smtp.messages.get()).isEqualTo(1);
        }
    }

    /** Speaks just enough SMTP, answering each command {@code delayMillis} late; counts the messages. */
    private static final class SlowSmtp implements AutoCloseable {
        final java.util.concurrent.CountDownLatch mailFrom = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicInteger messages = new java.util.concurrent.atomic.AtomicInteger();
        private final java.net.ServerSocket server;
        private final long delayMillis;

        SlowSmtp(long delayMillis) throws java.io.IOException {
            this.delayMillis = delayMillis;
            this.server = new java.net.ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress());
            Thread t = new Thread(this::serve, "slow-smtp");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            while (!server.isClosed()) {
                try {
                    java.net.Socket s = server.accept();
                    Thread t = new Thread(() -> session(s), "slow-smtp-session");
                    t.setDaemon(true);
                    t.start();
                } catch (java.io.IOException e) {
                    return; // closed
                }
            }
        }

        /** One connection, each at its own pace: a second sender is not held up by the first. */
        private void session(java.net.Socket socket) {
            try (java.net.Socket s = socket;
                 java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                         s.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
                 java.io.Writer out = new java.io.OutputStreamWriter(s.getOutputStream(),
                         java.nio.charset.StandardCharsets.US_ASCII)) {
                reply(out, "220 slow.example ESMTP");
                for (String line; (line = in.readLine()) != null; ) {
                    String command = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(java.util.Locale.ROOT);
                    switch (command) {
                        case "EHLO", "HELO" -> reply(out, "250 slow.example");
                        case "MAIL" -> {
                            mailFrom.countDown();
                            reply(out, "250 OK");
                        }
                        case "DATA" -> {
                            reply(out, "354 go on");
                            while ((line = in.readLine()) != null && !line.equals(".")) {
                                // the message
                            }
                            messages.incrementAndGet();
                            reply(out, "250 queued");
                        }
                        case "QUIT" -> {
                            reply(out, "221 bye");
                            line = null;
                        }
                        default -> reply(out, "250 OK");
                    }
                    if (line == null) {
                        break;
                    }
                }
            } catch (java.io.IOException | InterruptedException e) {
                // the connection or the server closed
            }
        }

        private void reply(java.io.Writer out, String line) throws java.io.IOException, InterruptedException {
            Thread.sleep(delayMillis);
            out.write(line + "\r\n");
            out.flush();
        }

        @Override
        public void close() throws java.io.IOException {
            server.close();
        }
    }

    @Test
    void alertsLeaveThisMachineOnlyOverHttps() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Destination("hook", Destination.Type.WEBHOOK,
                "http://hooks.example/x", SECRET, Map.of(), clock.instant()))
                .isInstanceOf(dev.feedbackloop.InvalidInputException.class).hasMessageContaining("https");
        assertThat(new Destination("hook", Destination.Type.WEBHOOK, "http://localhost:8081/x", SECRET, Map.of(),
                clock.instant()).shownTarget()).isEqualTo("http://localhost:8081/x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Destination("hook", Destination.Type.WEBHOOK,
                "https://hooks.example/x", "short", Map.of(), clock.instant()))
                .isInstanceOf(dev.feedbackloop.InvalidInputException.class).hasMessageContaining("16 characters");
    }

    @Test
    void secretsStayOutOfADestinationsText() {
        Destination d = new Destination("hook", Destination.Type.WEBHOOK, "https://hooks.example/x?token=abc", SECRET,
                Map.of(), clock.instant());
        assertThat(d.toString()).doesNotContain(SECRET).doesNotContain("token=abc");
        Destination slack = new Destination("s", Destination.Type.SLACK,
                "https://hooks.slack.com/services/T000/B000/SECRETPART", null, Map.of(), clock.instant());
        assertThat(slack.shownTarget()).doesNotContain("SECRETPART");
        // a generic webhook's token in its path: only the first segment is shown
        assertThat(new Destination("hook", Destination.Type.WEBHOOK, "https://ops.example/hooks/T0KEN-42/feedback",
                SECRET, Map.of(), clock.instant()).shownTarget()).isEqualTo("https://ops.example/hooks/...");
        assertThat(new Destination("hook", Destination.Type.WEBHOOK, "https://ops.example/a1b2c3d4e5f6g7h8i9",
                SECRET, Map.of(), clock.instant()).shownTarget()).isEqualTo("https://ops.example/a1b2c3d4e5f6/...");
        assertThat(new Destination("hook", Destination.Type.WEBHOOK, "https://ops.example/hooks/", SECRET, Map.of(),
                clock.instant()).shownTarget()).isEqualTo("https://ops.example/hooks");
    }
}
