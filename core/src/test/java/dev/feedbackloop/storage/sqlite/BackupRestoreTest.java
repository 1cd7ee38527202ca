package dev.feedbackloop.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.StorageException;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.FeedbackQuery;
import dev.feedbackloop.storage.StoreCheck;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup taken while captures arrive holds every capture acknowledged before it began, whole. */
class BackupRestoreTest {
    @TempDir
    Path dir;

    @Test
    void aBackupUnderACaptureStormHoldsEveryAcknowledgedCaptureAndRestoresWhole() throws Exception {
        Path db = dir.resolve("live.db");
        Map<String, FeedbackEntry> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        List<FeedbackEntry> before = new ArrayList<>();
        long backedUp;
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(db)) {
            for (int w = 0; w < 4; w++) {
                int writer = w;
                Thread t = new Thread(() -> {
                    try (SqliteFeedbackStore own = SqliteFeedbackStore.open(db)) { // other connections, as other processes
                        for (int i = 0; !stop.get(); i++) {
                            FeedbackEntry e = FeedbackEntry.builder("prompt " + writer + "/" + i, "output ".repeat(50), 1 + i % 5)
                                    .feedbackId("w" + writer + "-" + i).tags("storm").build();
                            own.insert(e);
                            acknowledged.put(e.feedbackId(), e);
                        }
                    }
                });
                t.start();
                writers.add(t);
            }
            while (acknowledged.size() < 300) {
                Thread.sleep(5);
            }
            before.addAll(acknowledged.values()); // acknowledged before the backup began
            backedUp = store.backupTo(dir.resolve("backups/b.db"));
            Thread.sleep(50);
            stop.set(true);
            for (Thread t : writers) {
                t.join();
            }
        }
        assertThat(backedUp).isGreaterThanOrEqualTo(before.size());
        assertThat(acknowledged.size()).as("captures went on during the backup").isGreaterThan(before.size());

        SqliteBackups.Restored restored = SqliteBackups.restore(dir.resolve("backups/b.db"), dir.resolve("restored.db"));
        assertThat(restored.entries()).isEqualTo(backedUp);
        assertThat(restored.check().ok()).isTrue();
        try (SqliteFeedbackStore r = SqliteFeedbackStore.open(dir.resolve("restored.db"))) {
            for (FeedbackEntry e : before) {
                assertThat(r.findById(e.feedbackId())).as(e.feedbackId()).hasValueSatisfying(
                        got -> assertThat(got.sameContentAs(e)).isTrue());
            }
            // no partial entry: everything in the copy is an acknowledged capture, whole
            for (FeedbackEntry got : r.find(FeedbackQuery.ALL)) {
                assertThat(got.sameContentAs(acknowledged.get(got.feedbackId()))).isTrue();
            }
        }
    }

    @Test
    void restoreRefusesADatabaseWithEntriesAndADamagedBackup() throws Exception {
        Path db = dir.resolve("a.db");
        try (SqliteFeedbackStore s = SqliteFeedbackStore.open(db)) {
            for (int i = 0; i < 200; i++) {
                s.insert(FeedbackEntry.builder("p" + i, "o".repeat(500), 3).feedbackId("e" + i).build());
            }
            s.backupTo(dir.resolve("b.db"));
            assertThatThrownBy(() -> s.backupTo(dir.resolve("b.db"))).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("never overwrites");
            StoreCheck check = s.verify();
            assertThat(check.ok()).isTrue();
            assertThat(check.rows()).containsEntry("feedback", 200L);
            assertThat(check.schemaVersion()).isEqualTo(SqliteMigrations.LATEST);
        }
        assertThatThrownBy(() -> SqliteBackups.restore(dir.resolve("b.db"), db)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("holds 200 entries");
        Path withKey = dir.resolve("with-key.db");
        try (SqliteFeedbackStore s = SqliteFeedbackStore.open(withKey)) {
            s.settingIfAbsent("feedback-token-secret/v1", "c2VjcmV0");
        }
        assertThatThrownBy(() -> SqliteBackups.restore(dir.resolve("b.db"), withKey)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("1 rows in settings");

        Path damaged = Files.copy(dir.resolve("b.db"), dir.resolve("damaged.db"));
        try (RandomAccessFile f = new RandomAccessFile(damaged.toFile(), "rw")) {
            long pageSize = 16_384;
            for (long page = 2; page * pageSize < f.length(); page += 3) {
                f.seek(page * pageSize + 100);
                f.write(new byte[4000]);
            }
        }
        assertThatThrownBy(() -> SqliteBackups.restore(damaged, dir.resolve("new.db")))
                .isInstanceOf(StorageException.class).hasMessageContaining("damaged");
        assertThat(dir.resolve("new.db")).doesNotExist();
    }
}
