package dev.feedbackloop.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.BatchWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes capture into one file while a long read (an analysis-sized scan) and a bulk
 * write transaction run in this process: no capture may fail ("database is locked" lost 3-7 of
 * them in the original tool). The full-size version is bench/concurrency.
 */
class ConcurrentWritersIT {
    private static final int PROCESSES = 4;
    private static final int CAPTURES_EACH = 60;

    @TempDir
    Path dir;

    @Test
    void concurrentCapturesDuringLongReadsAndBulkWritesAllSucceed() throws Exception {
        Path db = dir.resolve("feedback.db");
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(db)) {
            try (BatchWriter w = store.openBatch()) {
                for (int i = 0; i < 20_000; i++) {
                    w.add(FeedbackEntry.builder("seed prompt " + i + " with some text to scan", "output", 1 + i % 5)
                            .timestamp(Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i)).build());
                }
                w.commit();
            }

            List<Process> workers = new ArrayList<>();
            for (int p = 0; p < PROCESSES; p++) {
                workers.add(new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                        CaptureWorker.class.getName(), db.toString(), "w" + p, Integer.toString(CAPTURES_EACH))
                        .redirectErrorStream(true).start());
            }

            AtomicLong scanned = new AtomicLong();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (workers.stream().anyMatch(Process::isAlive) && System.nanoTime() < deadline) {
                store.scan(null, null, row -> {
                    if (scanned.incrementAndGet() % 2_000 == 0) {
                        sleep(20);
                    }
                });
                try (BatchWriter w = store.openBatch()) {
                    for (int i = 0; i < 500; i++) {
                        w.add(FeedbackEntry.builder("bulk " + i, "output", 3).build());
                    }
                    sleep(100);
                    w.commit();
                }
            }

            for (Process w : workers) {
                assertThat(w.waitFor(120, TimeUnit.SECONDS)).isTrue();
                String output = new String(w.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(w.exitValue()).as("worker output: %s", output).isZero();
            }
            assertThat(scanned.get()).isGreaterThan(20_000);
            for (int p = 0; p < PROCESSES; p++) {
                for (int i = 0; i < CAPTURES_EACH; i++) {
                    assertThat(store.findById("w" + p + "-" + i)).isPresent();
                }
            }
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
