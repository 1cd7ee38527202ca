package dev.feedbackloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.generate.SampleGenerator;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many concurrent captures while a long analysis runs: every 2xx is stored, none is lost or doubled. */
class GroupCommitIT {
    @TempDir
    Path dir;

    @Test
    void captureStormDuringAnAnalysis() throws Exception {
        try (ServerFixture s = new ServerFixture(dir)) {
            seed(s);
            CompletableFuture<HttpResponse<String>> analysis = CompletableFuture.supplyAsync(() -> {
                try {
                    return s.get("/api/v1/analysis?days=30", s.readKey);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ExecutorService pool = Executors.newFixedThreadPool(32);
            List<CompletableFuture<String>> ids = new ArrayList<>();
            for (int i = 0; i < 800; i++) {
                int n = i;
                ids.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        HttpResponse<String> r = s.post("/api/v1/feedback", s.captureKey, ServerFixture.entry("storm " + n, 1 + n % 5));
                        return r.statusCode() == 201 ? (String) ServerFixture.json(r).get("feedback_id") : null;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            List<String> acknowledged = ids.stream().map(CompletableFuture::join).toList();
            pool.shutdown();
            assertThat(acknowledged).doesNotContainNull().doesNotHaveDuplicates();
            assertThat(analysis.join().statusCode()).isEqualTo(200);
            for (String id : acknowledged) {
                assertThat(s.loop.database().findById(id)).isPresent();
            }
            assertThat(s.get("/metrics", null).body()).contains("feedback_captures_stored_total 800.0");
        }
    }

    private static void seed(ServerFixture s) {
        List<FeedbackEntry> history = new ArrayList<>();
        new SampleGenerator(new SampleGenerator.Settings(20_000, 30, 7, s.loop.clock().instant()))
                .forEach(sample -> history.add(sample.entry()));
        s.loop.captureAll(history);
    }
}
