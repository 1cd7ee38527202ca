package dev.feedbackloop.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.ConflictException;
import dev.feedbackloop.alerts.Delivery;
import dev.feedbackloop.alerts.Destination;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several instances sharing one database race for the same outbox row, schedule slot, alert and
 * destination: each is won exactly once. Two stores on the database (two processes' worth of
 * connections), {@link #THREADS} threads released together by a barrier, many rounds.
 */
class AlertStoreRacesTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 25;
    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

    @TempDir
    Path dir;
    private FeedbackStore a;
    private FeedbackStore b;
    private ExecutorService pool;

    /** The store of the database named {@code db} (a SQLite file here; subclasses run on other databases). */
    FeedbackStore openStore(Path db) {
        return SqliteFeedbackStore.open(db);
    }

    @BeforeEach
    void open() {
        a = openStore(dir.resolve("f.db"));
        b = openStore(dir.resolve("f.db"));
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        a.close();
        b.close();
    }

    private AlertStore store(int thread) {
        return (thread % 2 == 0 ? a : b).alertStore();
    }

    /** Runs {@code task} on every thread at once; how many returned true. */
    private int winners(TaskOf task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Callable<Boolean> c = () -> {
                start.await();
                return task.run(thread);
            };
            results.add(pool.submit(c));
        }
        int won = 0;
        for (Future<Boolean> f : results) {
            won += f.get() ? 1 : 0;
        }
        return won;
    }

    @FunctionalInterface
    private interface TaskOf {
        boolean run(int thread) throws Exception;
    }

    @Test
    void aDueDeliveryIsClaimedByOneSenderOnly() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Delivery queued = Delivery.queued("alert/" + round, "hook", "alert", "{}", NOW);
            assertThat(a.alertStore().enqueue(List.of(queued))).isEqualTo(1);
            Instant until = NOW.plus(Duration.ofMinutes(1));
            // every sender saw it due in its last look at the outbox
            Delivery seen = b.alertStore().due(NOW.plusSeconds(1), 100).stream()
                    .filter(d -> d.key().equals(queued.key())).findFirst().orElseThrow();
            int won = winners(t -> store(t).claim(seen, until));
            assertThat(won).as("round " + round).isEqualTo(1);
            Delivery after = a.alertStore().deliveries(1).get(0);
            assertThat(after.attempts()).isEqualTo(1);
            assertThat(after.nextAt()).isEqualTo(until);
        }
    }

    @Test
    void theSameDeliveryQueuedByEveryoneIsQueuedOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String event = "review/" + round;
            int won = winners(t -> store(t).enqueue(List.of(Delivery.queued(event, "hook", "review", "{}", NOW))) == 1);
            assertThat(won).as("round " + round).isEqualTo(1);
        }
        assertThat(a.alertStore().deliveries(1000)).hasSize(ROUNDS);
    }

    @Test
    void aScheduleSlotIsLeasedToOneInstanceAndRunsOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Instant slot = NOW.plus(Duration.ofDays(7L * round));
            Instant now = slot.plusSeconds(5);
            List<String> holders = new java.util.concurrent.CopyOnWriteArrayList<>();
            int won = winners(t -> {
                boolean got = store(t).claimRun("weekly", slot, "instance-" + t, now, now.plus(Duration.ofMinutes(10)));
                if (got) {
                    holders.add("instance-" + t);
                }
                return got;
            });
            assertThat(won).as("round " + round).isEqualTo(1);
            b.alertStore().finishRun("weekly", slot, holders.get(0));
            assertThat(a.alertStore().lastRun("weekly")).contains(slot);
            // the slot is done: nobody takes it again
            assertThat(winners(t -> store(t).claimRun("weekly", slot, "instance-" + t, now, now.plusSeconds(60)))).isZero();
        }
    }

    @Test
    void anAlertIsNewForOneInstanceOnly() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String key = "drop/CoT/7d/" + round;
            assertThat(winners(t -> store(t).saveAlert(key, NOW, "{\"round\":" + t + "}"))).as("round " + round).isEqualTo(1);
        }
        assertThat(a.alertStore().alerts(1000)).hasSize(ROUNDS);
    }

    @Test
    void aDestinationNameIsTakenOnceAndTheOthersGetAConflict() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String name = "hook-" + round;
            int won = winners(t -> {
                try {
                    store(t).addDestination(new Destination(name, Destination.Type.WEBHOOK,
                            "https://hooks.example/" + t, "a-signing-secret-of-32-characters", Map.of(), NOW));
                    return true;
                } catch (ConflictException e) {
                    return false;
                }
            });
            assertThat(won).as("round " + round).isEqualTo(1);
        }
        assertThat(a.alertStore().destinations()).hasSize(ROUNDS);
    }
}
