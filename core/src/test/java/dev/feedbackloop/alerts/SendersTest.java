package dev.feedbackloop.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
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
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            pool.submit(() -> {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[8192];
                    in.read(buf); // the request (small)
                    OutputStream out = s.getOutputStream();
                    out.write("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 100000\r\n\r\npartial"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    release.await(); // and never the rest
                }
                return null;
            });
            Destination hook = new Destination("hook", Destination.Type.WEBHOOK,
                    "http://127.0.0.1:" + server.getLocalPort() + "/hook", "a-signing-secret-of-32-characters",
                    Map.of(), CLOCK.instant());
            Delivery d = Delivery.queued("test/1", "hook", "test", "{\"title\":\"t\",\"lines\":[]}", CLOCK.instant());
            Senders senders = new Senders(CLOCK, Duration.ofMillis(500), null);
            Future<Senders.Answer> sent = pool.submit(() -> senders.send(hook, d));
            Senders.Answer answer = sent.get(30, TimeUnit.SECONDS);
            assertThat(answer.delivered()).isFalse();
            assertThat(answer.error()).contains("timed out");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
    /**
     * An SMTP server that never finishes its greeting, sending a continuation line well inside the read
     * timeout: every read succeeds, so only a deadline on the whole exchange ends the send. Without it the
     * send never returns.
     */
    @Test
    void aTarpittingSmtpServerCostsTheLongestSendNotTheThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            pool.submit(() -> {
                try (Socket s = server.accept()) {
                    OutputStream out = s.getOutputStream();
                    while (release.getCount() > 0) {
                        out.write("220-please wait\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        Thread.sleep(20);
                    }
                }
                return null;
            });
            Destination mail = new Destination("oncall", Destination.Type.EMAIL, "oncall@example.org", null,
                    Map.of("host", "127.0.0.1", "port", String.valueOf(server.getLocalPort()), "from", "a@example.org"),
                    CLOCK.instant());
            Delivery d = Delivery.queued("test/2", "oncall", "test", "{\"title\":\"t\",\"lines\":[]}", CLOCK.instant());
            Senders senders = new Senders(CLOCK, Duration.ofMillis(100), null);
            Future<Senders.Answer> sent = pool.submit(() -> senders.send(mail, d));
            Senders.Answer answer = sent.get(30, TimeUnit.SECONDS);
            assertThat(answer.delivered()).isFalse();
            assertThat(answer.error()).contains("cut after");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
