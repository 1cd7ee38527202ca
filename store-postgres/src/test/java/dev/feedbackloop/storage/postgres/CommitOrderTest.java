package dev.feedbackloop.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.AnalysisRow;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.DataVersion;
import dev.feedbackloop.storage.EntryRow;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.InsertResult;
import dev.feedbackloop.storage.StoreLocations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * "No reader may skip a row": a transaction that took an id and commits late must not be passed by
 * an incremental reader that saw a later id. Writers that only add rows run side by side, so below, the
 * second insert commits first (id 2 visible, id 1 not yet); the data version must stay below id 1 until
 * the first commits. If it named the highest visible id, the reader would move to 2 and never read the
 * first row: these assertions fail.
 */
class CommitOrderTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private static FeedbackEntry routed(String id) {
        return FeedbackEntry.builder("Calculate the derivative of x^2", "2x", 5).thumbsUp(true)
                .routing(Map.of("task_type", "math", "primary_framework", "chain-of-thought",
                        "model_recommendation", "claude-sonnet-4", "confidence", 0.8))
                .feedbackId(id).timestamp(T0).build();
    }

    /** The first writer's row sent as a group (the service's group commit: turn and insert in one statement). */
    @Test
    void incrementalReadersSeeEveryRowOnceWhenTransactionsCommitOutOfOrder() throws Exception {
        outOfOrderCommits(1);
    }

    /** The same with the first writer's rows sent by COPY (a batch of captures, or {@code import --shared}). */
    @Test
    void aCopyAnnouncesItselfBeforeItDrawsIds() throws Exception {
        outOfOrderCommits(100);
    }

    private void outOfOrderCommits(int firstRows) throws Exception {
        try (FeedbackStore store = StoreLocations.open(TestPostgres.newDatabase())) {
            Reader reader = new Reader(store);
            DataVersion during;
            try (BatchWriter first = store.openBatch()) {            // draws its ids, commits later
                first.addAll(IntStream.range(0, firstRows).mapToObj(i -> EntryRow.of(routed("first-" + i))).toList());
                // a second writer does not wait for the first: it commits while the first is open
                InsertResult second = CompletableFuture.supplyAsync(() -> store.insert(routed("second")))
                        .get(30, TimeUnit.SECONDS);
                assertThat(second).isEqualTo(InsertResult.INSERTED);
                during = reader.read();
                first.commit();
            }
            DataVersion after = reader.read();

            long last = firstRows + 1;
            assertThat(during.maxId()).as("final up to below the open transaction's ids").isZero();
            assertThat(during.above()).as("the second writer's row is visible already").isEqualTo(1);
            assertThat(during.token()).as("a cached result counted the visible row").isEqualTo("0+1");
            assertThat(after).isEqualTo(new DataVersion(last, 0));
            List<Long> all = LongStream.rangeClosed(1, last).boxed().toList();
            assertThat(reader.outcomes).isEqualTo(all);
            assertThat(reader.added).isEqualTo(all);
            assertThat(store.count()).isEqualTo(last);
        }
    }

    /**
     * A bulk writer (an import) has the table to itself: its open COPY relies on no one else adding
     * an id meanwhile, so an insert waits for its commit.
     */
    @Test
    void aBulkWriterMakesOtherWritersWait() throws Exception {
        try (FeedbackStore store = StoreLocations.open(TestPostgres.newDatabase())) {
            Reader reader = new Reader(store);
            CompletableFuture<InsertResult> second;
            boolean secondWaited;
            try (BatchWriter bulk = store.openBulkBatch()) {
                bulk.addAll(IntStream.range(0, 100).mapToObj(i -> EntryRow.of(routed("bulk-" + i))).toList());
                second = CompletableFuture.supplyAsync(() -> store.insert(routed("second")));
                Thread.sleep(500);
                secondWaited = !second.isDone();
                assertThat(reader.read().maxId()).isZero();
                bulk.commit();
            }
            assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(InsertResult.INSERTED);
            reader.read();
            assertThat(secondWaited).as("the insert waited for the bulk writer").isTrue();
            assertThat(reader.outcomes).hasSize(101).isSorted().doesNotHaveDuplicates();
        }
    }

    /**
     * Writers adding rows side by side (single inserts, groups of varying size, now and then a vote,
     * which takes the table to itself), while a reader reads what was added over and over: in the end it
     * has read every row exactly once.
     */
    @Test
    void concurrentWritersAndAnIncrementalReaderMissNothing() throws Exception {
        try (FeedbackStore store = StoreLocations.open(TestPostgres.newDatabase())) {
            Reader reader = new Reader(store);
            java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(CompletableFuture.runAsync(() -> {
                    java.util.Random random = new java.util.Random(writer);
                    for (int n = 0; n < 60; n++) {
                        String id = writer + "-" + n;
                        if (random.nextInt(10) == 0) {
                            store.insert(FeedbackEntry.builder("Calculate 2+2", "4", 4).thumbsUp(true)
                                    .routing(Map.of("task_type", "math", "primary_framework", "chain-of-thought"))
                                    .outputId("out-" + writer).raterId("rater-" + n % 3).feedbackId(id).timestamp(T0).build());
                        } else if (random.nextBoolean()) {
                            store.insert(routed(id));
                        } else {
                            try (BatchWriter b = store.openBatch()) {
                                b.addAll(IntStream.range(0, 1 + random.nextInt(80))
                                        .mapToObj(i -> EntryRow.of(routed(id + "-" + i))).toList());
                                b.commit();
                            }
                        }
                    }
                }, java.util.concurrent.Executors.newSingleThreadExecutor()));
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new))
                    .whenComplete((v, e) -> writing.set(false));
            while (writing.get()) {
                reader.read();
            }
            all.get(60, TimeUnit.SECONDS);
            DataVersion end = reader.read();

            assertThat(end.above()).as("no write open at the end: everything visible is final").isZero();
            assertThat(reader.added).isSorted().doesNotHaveDuplicates();
            // a vote replaces the rater's earlier vote: a row may have left the table before it was read
            List<Long> stored = new ArrayList<>();
            store.scan(null, null, r -> stored.add(r.id()));
            assertThat(stored).hasSizeGreaterThan(500);
            assertThat(reader.added).containsAll(stored);
        }
    }

    /**
     * A writer reads the sequence's last value a moment before its announcement shows: a version read in
     * between names a final id above the value announced just after (here a lock taken by hand). The next
     * version must not fall back to that value: a reader that moved to the first would read rows twice.
     */
    @Test
    void theFinalIdNeverFallsWhileTheChangesStay() throws Exception {
        String url = TestPostgres.newDatabase();
        try (FeedbackStore store = StoreLocations.open(url)) {
            for (int i = 0; i < 5; i++) {
                store.insert(routed("row-" + i));
            }
            DataVersion before = store.dataVersion();
            assertThat(before).isEqualTo(new DataVersion(5, 0));
            PostgresLocation location = PostgresLocation.parse(url, Map.of());
            try (java.sql.Connection late = java.sql.DriverManager.getConnection(location.jdbcUrl(), location.user(),
                    location.password())) {
                late.setAutoCommit(false);
                try (java.sql.Statement st = late.createStatement()) {
                    st.execute("SELECT pg_advisory_xact_lock_shared(" + (PgConnections.ANNOUNCED + 2) + ")");
                }
                store.insert(routed("row-5"));                   // so that the version is read again
                DataVersion during = store.dataVersion();
                assertThat(during.maxId()).as("not below the final id handed out before").isEqualTo(5);
                assertThat(during.above()).isEqualTo(1);
                late.rollback();
            }
            assertThat(store.dataVersion()).isEqualTo(new DataVersion(6, 0));
        }
    }

    /** A sequence that hands a session many ids at once would let it draw below what it announced: refused. */
    @Test
    void anIdSequenceThatCachesIdsIsRefused() throws Exception {
        String url = TestPostgres.newDatabase();
        try (FeedbackStore store = StoreLocations.open(url)) {
            PostgresLocation location = PostgresLocation.parse(url, Map.of());
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(location.jdbcUrl(), location.user(),
                    location.password()); java.sql.Statement st = c.createStatement()) {
                st.execute("ALTER TABLE feedback ALTER COLUMN id SET CACHE 20");
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(store::dataVersion)
                    .isInstanceOf(dev.feedbackloop.StorageException.class).hasMessageContaining("CACHE 1");
        }
    }

    /**
     * Votes and deletions take turns among themselves (change numbers in commit order, one rater's vote
     * replaced by one writer at a time), but not with writers that only add rows.
     */
    @Test
    void votesTakeTurnsWithVotesOnly() throws Exception {
        try (FeedbackStore store = StoreLocations.open(TestPostgres.newDatabase())) {
            try (BatchWriter rows = store.openBatch()) {
                rows.addAll(List.of(EntryRow.of(routed("plain"))));
                // a vote does not wait for a writer that only adds rows
                assertThat(CompletableFuture.supplyAsync(() -> store.insert(vote("v1", "r1"))).get(30, TimeUnit.SECONDS))
                        .isEqualTo(InsertResult.INSERTED);
                rows.commit();
            }
            CompletableFuture<InsertResult> second;
            boolean waited;
            try (BatchWriter votes = store.openBatch()) {
                votes.add(vote("v2", "r1"));                       // replaces v1: holds the changes turn
                second = CompletableFuture.supplyAsync(() -> store.insert(vote("v3", "r1")));
                Thread.sleep(500);
                waited = !second.isDone();
                // a plain capture goes on meanwhile
                assertThat(CompletableFuture.supplyAsync(() -> store.insert(routed("plain-2"))).get(30, TimeUnit.SECONDS))
                        .isEqualTo(InsertResult.INSERTED);
                votes.commit();
            }
            assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(InsertResult.INSERTED);
            assertThat(waited).as("the second vote waited for the first").isTrue();
            assertThat(store.findById("v3")).isPresent();
            assertThat(store.findById("v1")).isEmpty();
            assertThat(store.findById("v2")).isEmpty();
        }
    }

    private static FeedbackEntry vote(String id, String rater) {
        return FeedbackEntry.builder("Calculate 2+2", "4", 4).thumbsUp(true).outputId("out-1").raterId(rater)
                .feedbackId(id).timestamp(T0).build();
    }

    /** Reads what was added since its last read, as the router's ledger and the day rollups do. */
    private static final class Reader {
        private final FeedbackStore store;
        final List<Long> outcomes = new ArrayList<>();
        final List<Long> added = new ArrayList<>();
        private long position;

        Reader(FeedbackStore store) {
            this.store = store;
        }

        DataVersion read() {
            DataVersion v = store.dataVersion();
            store.outcomesAfter(position, v.maxId(), r -> outcomes.add(r.id()));
            store.scanAdded(null, null, position, v.maxId(), (AnalysisRow r) -> added.add(r.id()));
            position = v.maxId();
            return v;
        }
    }
}
