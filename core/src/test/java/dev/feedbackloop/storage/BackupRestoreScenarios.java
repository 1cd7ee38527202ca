package dev.feedbackloop.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.StorageException;
import dev.feedbackloop.access.KeyScope;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.generate.SampleGenerator;
import dev.feedbackloop.storage.sqlite.SqliteBackups;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup, restore and verify, written once for every database (one subclass each). A backup is a
 * SQLite file whichever database it came from: taken while captures arrive it holds every capture
 * acknowledged before it began, whole; it restores into an empty database of either kind.
 */
public abstract class BackupRestoreScenarios {
    private static final Instant NOW = Instant.parse("2026-11-27T14:37:25Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneId.of("Europe/Paris"));

    @TempDir
    protected Path dir;

    /** A new, empty database of the kind under test (for SQLite: a path that does not exist yet). */
    protected abstract String newLocation();

    @Test
    void aBackupUnderACaptureStormHoldsEveryAcknowledgedCaptureAndRestoresWhole() throws Exception {
        String db = newLocation();
        Map<String, FeedbackEntry> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        List<FeedbackEntry> before = new ArrayList<>();
        long backedUp;
        Path file = dir.resolve("backups/b.db");
        try (FeedbackStore store = StoreLocations.open(db)) {
            for (int w = 0; w < 4; w++) {
                int writer = w;
                Thread t = new Thread(() -> {
                    try (FeedbackStore own = StoreLocations.open(db)) { // other connections, as other processes
                        for (int i = 0; !stop.get(); i++) {
                            FeedbackEntry e = FeedbackEntry.builder("prompt " + writer + "/" + i, "output ".repeat(50), 1 + i % 5)
                                    .feedbackId("w" + writer + "-" + i).tags("storm", "w" + writer).build();
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
            backedUp = store.backupTo(file);
            Thread.sleep(50);
            stop.set(true);
            for (Thread t : writers) {
                t.join();
            }
        }
        assertThat(backedUp).isGreaterThanOrEqualTo(before.size());
        assertThat(acknowledged.size()).as("captures went on during the backup").isGreaterThan(before.size());
        try (java.util.stream.Stream<Path> left = Files.list(file.getParent())) {
            assertThat(left).as("nothing but the backup in its folder").containsExactly(file);
        }
        SqliteBackups.Inspected inspected = SqliteBackups.inspect(file); // what `feedback verify --db FILE` checks
        assertThat(inspected.check().ok()).isTrue();
        assertThat(inspected.entries()).isEqualTo(backedUp);

        String target = newLocation();
        SqliteBackups.Restored restored = FeedbackLoop.restore(target, file);
        assertThat(restored.entries()).isEqualTo(backedUp);
        assertThat(restored.check().ok()).isTrue();
        try (FeedbackStore r = StoreLocations.open(target)) {
            for (FeedbackEntry e : before) {
                assertThat(r.findById(e.feedbackId())).as(e.feedbackId()).hasValueSatisfying(
                        got -> assertThat(got.sameContentAs(e)).isTrue());
            }
            // no partial entry: everything in the copy is an acknowledged capture, whole
            for (FeedbackEntry got : r.find(FeedbackQuery.ALL)) {
                assertThat(got.sameContentAs(acknowledged.get(got.feedbackId()))).as(got.feedbackId()).isTrue();
            }
        }
    }

    @Test
    void aRestoredDatabaseEqualsItsSourceOnEitherDatabase() {
        String source = newLocation();
        List<String> answers;
        StoreCheck sourceCheck;
        Path file = dir.resolve("full.db");
        try (FeedbackLoop loop = FeedbackLoop.builder(source).clock(CLOCK).open()) {
            try (BatchWriter w = loop.database().openBatch()) {
                new SampleGenerator(new SampleGenerator.Settings(300, 30, 7, NOW.minusSeconds(60)))
                        .forEach(s -> w.add(s.entry()));
                w.commit();
            }
            for (int i = 0; i < 3; i++) { // a vote replaced twice: two rows in history, two changes
                loop.database().insert(FeedbackEntry.builder("Explain it", "It is\ttabbed\\ and\nbroken", 1 + i)
                        .outputId("out-1").raterId("r1").feedbackId("vote-" + i).tags("a \"quoted\" tag", "ünï")
                        .timestamp(NOW.minusSeconds(100 - i)).build());
            }
            loop.delete(loop.database().find(FeedbackQuery.ALL.withLimit(1)).get(0).feedbackId());
            loop.keys().create("app", KeyScope.CAPTURE, List.of("https://app.example"));
            loop.database().settingIfAbsent("secret", "s3");
            loop.generateReport("weekly", null);
            answers = answers(loop);
            sourceCheck = loop.database().verify();
            loop.database().backupTo(file);
        }
        for (String target : List.of(newLocation(), dir.resolve("as-file.db").toString())) {
            SqliteBackups.Restored restored = FeedbackLoop.restore(target, file);
            assertThat(restored.check().rows()).as(target).isEqualTo(sourceCheck.rows());
            assertThat(restored.check().orphanedVotes()).isEqualTo(sourceCheck.orphanedVotes());
            try (FeedbackLoop loop = FeedbackLoop.builder(target).clock(CLOCK).open()) {
                assertThat(answers(loop)).as(target).isEqualTo(answers);
                assertThat(loop.database().setting("secret")).hasValue("s3");
                assertThat(loop.keys().list()).extracting(k -> k.name()).containsExactly("app");
                // the restored database takes new captures (its id sequences are past the copied ids)
                loop.database().insert(FeedbackEntry.builder("after", "restore", 5).feedbackId("after-restore").build());
                assertThat(loop.database().count()).isEqualTo(sourceCheck.rows().get("feedback") + 1);
            }
        }
    }

    private static List<String> answers(FeedbackLoop loop) {
        List<String> out = new ArrayList<>();
        out.add(FeedbackJson.write(loop.database().statistics(null, null)));
        List<String> entries = new ArrayList<>();
        loop.database().forEach(FeedbackQuery.ALL, e -> entries.add(FeedbackJson.write(e)));
        out.add(String.join("\n", entries));
        out.add(FeedbackJson.write(loop.database().find(new FeedbackQuery(null, null, null, null, null, List.of("a \"quoted\" tag"), null))));
        return out;
    }

    @Test
    void restoreRefusesADatabaseThatHoldsAnythingAndADamagedBackupAndABackupNeverOverwrites() throws Exception {
        String db = newLocation();
        Path file = dir.resolve("b.db");
        try (FeedbackStore s = StoreLocations.open(db)) {
            for (int i = 0; i < 200; i++) {
                s.insert(FeedbackEntry.builder("p" + i, "o".repeat(500), 3).feedbackId("e" + i).build());
            }
            s.backupTo(file);
            byte[] written = Files.readAllBytes(file);
            assertThatThrownBy(() -> s.backupTo(file)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("never overwrites");
            assertThat(Files.readAllBytes(file)).isEqualTo(written);
            StoreCheck check = s.verify();
            assertThat(check.ok()).isTrue();
            assertThat(check.rows()).containsEntry("feedback", 200L);
            assertThat(check.schemaVersion()).isEqualTo(check.expectedSchema());
        }
        Map<String, Long> rowsBefore = rows(db);
        assertThatThrownBy(() -> FeedbackLoop.restore(db, file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("holds 200 entries");
        assertThat(rows(db)).isEqualTo(rowsBefore);

        String withSecret = newLocation();
        try (FeedbackStore s = StoreLocations.open(withSecret)) {
            s.settingIfAbsent("feedback-token-secret/v1", "c2VjcmV0");
        }
        assertThatThrownBy(() -> FeedbackLoop.restore(withSecret, file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("1 rows in settings");
        assertThat(rows(withSecret)).containsEntry("settings", 1L).containsEntry("feedback", 0L);

        Path damaged = Files.copy(file, dir.resolve("damaged.db"));
        try (RandomAccessFile f = new RandomAccessFile(damaged.toFile(), "rw")) {
            f.seek(16);
            int pageSize = f.readUnsignedShort();
            long size = pageSize == 1 ? 65_536 : pageSize;
            for (long page = 2; page * size < f.length(); page += 3) {
                f.seek(page * size + 100);
                f.write(new byte[(int) Math.min(4000, size - 100)]);
            }
        }
        String fresh = newLocation();
        assertThatThrownBy(() -> FeedbackLoop.restore(fresh, damaged))
                .isInstanceOf(StorageException.class).hasMessageContaining("damaged");
        if (StoreLocations.isUrl(fresh)) {
            assertThat(rows(fresh).values()).allMatch(n -> n == 0);
        } else {
            assertThat(Path.of(fresh)).doesNotExist();
        }
    }

    private static Map<String, Long> rows(String location) {
        try (FeedbackStore s = StoreLocations.open(location)) {
            return s.verify().rows();
        }
    }
}
