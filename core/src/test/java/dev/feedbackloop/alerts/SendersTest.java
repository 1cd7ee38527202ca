package dev.feedbackloop.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SendersTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    /**
     * A receiver that answers its headers at once and then never finishes its body: the send still
     * ends (as a failure) instead of holding the outbox's thread for good. The bound checked is not a
     * performance figure: without the fix the send never returns at all.
     */
    @Test
    void aReceiverThatStallsInItsBodyCostsOneTimeoutNotTheThread() throws Exception {
        Senders.Answer answer = sendToStallingServer(Duration.ofMillis(500), (s, release) -> {
            s.getInputStream().read(new byte[8192]); // the request (small)
            OutputStream out = s.getOutputStream();
            out.write("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 100000\r\n\r\npartial"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            release.await(); // and never the rest
        }, port -> new Destination("hook", Destination.Type.WEBHOOK, "http://127.0.0.1:" + port + "/hook",
                "a-signing-secret-of-32-characters", Map.of(), CLOCK.instant()));
        assertThat(answer.delivered()).isFalse();
        assertThat(answer.error()).contains("timed out");
    }

    /**
     * An SMTP server that never finishes its greeting, sending a continuation line well inside the read
     * timeout: every read succeeds, so only a deadline on the whole exchange ends the send. Without it the
     * send never returns.
     */
    @Test
    void aTarpittingSmtpServerCostsTheLongestSendNotTheThread() throws Exception {
        Senders.Answer answer = sendToStallingServer(Duration.ofMillis(100), (s, release) -> {
            OutputStream out = s.getOutputStream();
            while (release.getCount() > 0) {
                out.write("220-please wait\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(20);
            }
        }, port -> new Destination("oncall", Destination.Type.EMAIL, "oncall@example.org", null,
                Map.of("host", "127.0.0.1", "port", String.valueOf(port), "from", "a@example.org"), CLOCK.instant()));
        assertThat(answer.delivered()).isFalse();
        assertThat(answer.error()).contains("cut after");
    }

    /** What a stalling server does with its one connection until released. */
    @FunctionalInterface
    private interface Stall {
        void on(Socket connection, CountDownLatch release) throws Exception;
    }

    /**
     * Sends an event with {@code timeout} to the destination {@code to} makes of a local server's port, the
     * server doing {@code stall}; the answer, waited for at most 30 s (the send never returns without the
     * bound under test). The server is released at the end.
     */
    private static Senders.Answer sendToStallingServer(Duration timeout, Stall stall,
            java.util.function.IntFunction<Destination> to) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            pool.submit(() -> {
                try (Socket s = server.accept()) {
                    stall.on(s, release);
                }
                return null;
            });
            Destination destination = to.apply(server.getLocalPort());
            Delivery d = Delivery.queued("test/1", destination.name(), "test", "{\"title\":\"t\",\"lines\":[]}",
                    CLOCK.instant());
            Senders senders = new Senders(CLOCK, timeout, null);
            Future<Senders.Answer> sent = pool.submit(() -> senders.send(destination, d));
            return sent.get(30, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
