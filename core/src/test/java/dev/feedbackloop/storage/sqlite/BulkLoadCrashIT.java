package dev.feedbackloop.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.capture.FeedbackEntry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bulk load (exclusive, rollback journal) killed after it has written pages into the database
 * file: the next open rolls the file back to what was committed, and WAL mode returns.
 */
class BulkLoadCrashIT {
    /** More than the batch's page cache, so pages have surely reached the file. */
    private static final long WRITTEN_BEFORE_KILL = (SqliteBatchWriter.CACHE_KIB + 64L * 1024) * 1024;

    @TempDir
    Path dir;

    @Test
    void killedBulkLoadIsRolledBackOnNextOpen() throws Exception {
        Path db = dir.resolve("feedback.db");
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(db)) {
            store.insert(FeedbackEntry.builder("kept prompt", "kept output", 5).feedbackId("kept").build());
        }
        long before = Files.size(db);

        Process worker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BulkLoadWorker.class.getName(), db.toString())
                .redirectError(dir.resolve("worker.err").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).as("worker stderr: %s", (Object) dir.resolve("worker.err")).isEqualTo("loading");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (Files.size(db) < before + WRITTEN_BEFORE_KILL && worker.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(Files.size(db)).as("the load wrote into the database file itself").isGreaterThan(before + WRITTEN_BEFORE_KILL);
            assertThat(db.resolveSibling("feedback.db-journal")).as("rollback journal of the bulk load").exists();
            assertThat(db.resolveSibling("feedback.db-wal")).doesNotExist();
        } finally {
            worker.destroyForcibly();
            assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(db)) {
            assertThat(store.count()).isEqualTo(1);
            assertThat(store.findById("kept")).isPresent();
            store.insert(FeedbackEntry.builder("after the crash", "output", 4).build());
            assertThat(store.count()).isEqualTo(2);
        }
        assertThat(SqliteProbe.pragma(db, "integrity_check")).isEqualTo("ok");
        assertThat(SqliteProbe.pragma(db, "journal_mode")).isEqualTo("wal");
        assertThat(Files.size(db)).as("the file is back to its committed size").isLessThan(before + WRITTEN_BEFORE_KILL);
    }
}
