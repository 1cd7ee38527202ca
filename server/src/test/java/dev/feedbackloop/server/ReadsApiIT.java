package dev.feedbackloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved reports by period, reads answered from their last result, and clients that stall. */
class ReadsApiIT {
    @TempDir
    Path dir;

    @Test
    void aSavedReportIsFoundByItsPeriodAndAnAbsentOneIs404() throws Exception {
        try (ServerFixture s = new ServerFixture(dir)) {
            for (int i = 0; i < 20; i++) {
                assertThat(s.post("/api/v1/feedback", s.captureKey, ServerFixture.entry("Explain topic " + i, 1 + i % 5))
                        .statusCode()).isEqualTo(201);
            }
            for (String kind : List.of("weekly", "monthly")) {
                HttpResponse<String> made = s.get("/api/v1/reports/" + kind, s.readKey);
                assertThat(made.statusCode()).isEqualTo(200);
                String label = (String) ServerFixture.json(made).get("period");

                HttpResponse<String> saved = s.get("/api/v1/reports/" + kind + "/" + label, s.readKey);
                assertThat(saved.statusCode()).isEqualTo(200);
                assertThat(ServerFixture.json(saved)).containsEntry("period", label)
                        .containsEntry("start_date", ServerFixture.json(made).get("start_date"));
            }
            HttpResponse<String> absent = s.get("/api/v1/reports/weekly/2020-W01", s.readKey);
            assertThat(absent.statusCode()).isEqualTo(404);
            assertThat(absent.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith(Problems.MEDIA_TYPE));
            assertThat(ServerFixture.json(absent)).containsEntry("type", "/api#not_found")
                    .hasEntrySatisfying("detail", d -> assertThat((String) d).contains("2020-W01"));
            assertThat(s.get("/api/v1/reports/weekly/2020-11", s.readKey).statusCode()).isEqualTo(400);
            assertThat(s.get("/api/v1/reports/monthly/2020-W01", s.readKey).statusCode()).isEqualTo(400);
            assertThat(s.get("/api/v1/reports/weekly/2020-W01", s.captureKey).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void statisticsSayHowOldTheyAre() throws Exception {
        try (ServerFixture s = new ServerFixture(dir)) {
            assertThat(s.post("/api/v1/feedback", s.captureKey, ServerFixture.entry("first", 5)).statusCode()).isEqualTo(201);
            HttpResponse<String> stats = s.get("/api/v1/stats", s.readKey);
            assertThat(stats.statusCode()).isEqualTo(200);
            assertThat(ServerFixture.json(stats)).containsEntry("total_feedback", 1);
            assertThat(stats.headers().firstValue("Age")).hasValueSatisfying(a -> assertThat(Long.parseLong(a)).isNotNegative());
            assertThat(stats.headers().firstValue(RecentAnswers.COMPUTED_AT)).isPresent();
            // another window is another request, computed for itself
            HttpResponse<String> none = s.get("/api/v1/stats?until=2000-01-01T00:00:00Z", s.readKey);
            assertThat(ServerFixture.json(none)).containsEntry("total_feedback", 0);
        }
    }

    /**
     * Clients that send half a request and stall are disconnected by the idle timeout; others are
     * served meanwhile, even with more stalled connections than the server has cores.
     */
    @Test
    void stalledClientsAreClosedByTheIdleTimeoutAndOthersAreServedMeanwhile() throws Exception {
        try (ServerFixture s = new ServerFixture(dir, ServerSettings.defaults("127.0.0.1", 0)
                .withIdleTimeout(Duration.ofSeconds(1)))) {
            List<Socket> stalled = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Socket socket = new Socket("127.0.0.1", s.server.port());
                OutputStream out = socket.getOutputStream();
                String head = i % 2 == 0
                        ? "POST /api/v1/feedback HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + s.captureKey
                          + "\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"prompt\": \"half"
                        : "GET /api/v1/stats HTTP/1.1\r\nHost: x\r\nAuthor";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                stalled.add(socket);
            }
            for (int i = 0; i < 20; i++) {
                assertThat(s.post("/api/v1/feedback", s.captureKey, ServerFixture.entry("meanwhile " + i, 4)).statusCode())
                        .isEqualTo(201);
                assertThat(s.get("/health", null).statusCode()).isEqualTo(200);
            }
            for (Socket socket : stalled) {
                socket.setSoTimeout(30_000);
                assertThat(readsToTheEnd(socket.getInputStream())).as("the server closed the stalled connection").isTrue();
                socket.close();
            }
            assertThat(s.loop.database().count()).isEqualTo(20);
            assertThat(s.get("/health", null).statusCode()).isEqualTo(200);
        }
    }

    /** True when the other side closed the connection (whatever it said first), false on our read timeout. */
    private static boolean readsToTheEnd(InputStream in) throws Exception {
        byte[] buffer = new byte[4096];
        try {
            while (in.read(buffer) >= 0) {
                // an error answer before the close is fine
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }
}
