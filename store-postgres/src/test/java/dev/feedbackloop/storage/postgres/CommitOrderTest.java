package dev.feedbackloop.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.AnalysisRow;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.InsertResult;
import dev.feedbackloop.storage.StoreLocations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * "No reader may skip a row": a transaction that took an id and commits late must not be passed
 * by an incremental reader that saw a later id. Without the store's write turns, the second insert
 * below commits first (id 2 visible, id 1 not yet), the reader moves to 2, and the first row is
 * never read: these assertions fail.
 */
class CommitOrderTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private static FeedbackEntry routed(String id) {
        return FeedbackEntry.builder("Calculate the derivative of x^2", "2x", 5).thumbsUp(true)
                .routing(Map.of("task_type", "math", "primary_framework", "chain-of-thought",
                        "model_recommendation", "claude-sonnet-4", "confidence", 0.8))
                .feedbackId(id).timestamp(T0).build();
    }

    @Test
    void incrementalReadersSeeEveryRowOnceWhenTransactionsCommitOutOfOrder() throws Exception {
        outOfOrderCommits(false);
    }

    /** The same with the first writer's row sent as a group (the service's group commit: lock and insert in one statement). */
    @Test
    void aGroupInsertTakesTheTurnBeforeItDrawsIds() throws Exception {
        outOfOrderCommits(true);
    }

    private void outOfOrderCommits(boolean group) throws Exception {
        try (FeedbackStore store = StoreLocations.open(TestPostgres.newDatabase())) {
            List<Long> outcomes = new ArrayList<>();
            List<Long> added = new ArrayList<>();
            long[] position = {0, 0};
            Runnable read = () -> {
                store.outcomesAfter(position[0], r -> {
                    outcomes.add(r.id());
                    position[0] = r.id();
                });
                long version = store.dataVersion().maxId();
                store.scanAdded(null, null, position[1], (AnalysisRow r) -> added.add(r.id()));
                position[1] = Math.max(position[1], version);
            };

            CompletableFuture<InsertResult> second;
            boolean secondWaited;
            try (BatchWriter first = store.openBatch()) {
                if (group) {                                    // draws its id, commits later
                    first.addAll(List.of(dev.feedbackloop.storage.EntryRow.of(routed("first"))));
                } else {
                    first.add(routed("first"));
                }
                second = CompletableFuture.supplyAsync(() -> store.insert(routed("second")));
                Thread.sleep(500);
                read.run();
                secondWaited = !second.isDone();
                first.commit();
            }
            assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(InsertResult.INSERTED);
            read.run();

            assertThat(outcomes).hasSize(2).isSorted().doesNotHaveDuplicates();
            assertThat(added).hasSize(2).isSorted().doesNotHaveDuplicates();
            assertThat(store.count()).isEqualTo(2);
            assertThat(secondWaited).as("the second writer waited for the first one's turn").isTrue();
        }
    }
}
