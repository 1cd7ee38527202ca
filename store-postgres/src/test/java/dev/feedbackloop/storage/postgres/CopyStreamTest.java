package dev.feedbackloop.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.EntryRow;
import dev.feedbackloop.storage.FeedbackQuery;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.InsertResult;
import dev.feedbackloop.storage.StoreLocations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Import chunks on one COPY kept open across chunks ({@link PgCopyStream}): a chunk whose ids may be
 * stored already (in the table, or sent earlier in the same transaction) ends the stream and goes the
 * exact way, so the results are those of row-by-row inserts, in order. Each scenario runs with a bulk
 * writer (which streams) and with a writer beside others (which sends every chunk the exact way): the
 * results are the same.
 */
class CopyStreamTest {
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private static EntryRow row(String id, String prompt) {
        return EntryRow.of(FeedbackEntry.builder(prompt, "output of " + id + "\twith\\escapes\n", 4).thumbsUp(true)
                .tags(List.of("a", "b \"c\"")).feedbackId(id).timestamp(T0).build());
    }

    private static List<EntryRow> chunk(String prefix, int n) {
        List<EntryRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(row(prefix + i, "prompt " + prefix + i));
        }
        return rows;
    }

    private static BatchWriter open(FeedbackStore store, boolean bulk) {
        return bulk ? store.openBulkBatch() : store.openBatch();
    }

    @ParameterizedTest(name = "bulk={0}")
    @ValueSource(booleans = {true, false})
    void chunksWithStoredOrRepeatedIdsGetTheResultsOfRowByRowInserts(boolean bulk) {
        try (FeedbackStore store = StoreLocations.open(TestPostgres.newDatabase())) {
            store.insert(row("stored", "prompt stored").entry());
            List<EntryRow> b = chunk("b", 100);
            b.set(10, row("a5", "prompt a5"));          // sent earlier in this transaction, same content
            b.set(20, row("a6", "other prompt"));       // sent earlier, other content
            b.set(30, row("b0", "prompt b0"));          // twice in this chunk
            b.set(40, row("stored", "prompt stored"));  // committed before
            List<EntryRow> c = chunk("c", 100);
            List<InsertResult> rb;
            try (BatchWriter w = open(store, bulk)) {
                assertThat(w.addAll(chunk("a", 100))).containsOnly(InsertResult.INSERTED).hasSize(100);
                rb = w.addAll(b);
                assertThat(w.addAll(c)).containsOnly(InsertResult.INSERTED).hasSize(100);
                w.commit();
            }
            assertThat(rb.get(10)).isEqualTo(InsertResult.UNCHANGED);
            assertThat(rb.get(20)).isEqualTo(InsertResult.CONFLICT);
            assertThat(rb.get(30)).isEqualTo(InsertResult.UNCHANGED);
            assertThat(rb.get(40)).isEqualTo(InsertResult.UNCHANGED);
            assertThat(rb.stream().filter(r -> r == InsertResult.INSERTED)).hasSize(96);
            assertThat(store.count()).isEqualTo(1 + 100 + 96 + 100);
            assertThat(store.findById("a6").orElseThrow().prompt()).isEqualTo("prompt a6");
            assertThat(store.findById("b1").orElseThrow()).isEqualTo(row("b1", "prompt b1").entry());
            // ids follow the order the rows were given in
            List<Long> ids = new ArrayList<>();
            List<String> order = new ArrayList<>();
            store.scan(null, null, r -> ids.add(r.id()));
            store.forEach(FeedbackQuery.ALL, e -> order.add(e.feedbackId()));
            assertThat(ids).isSorted().doesNotHaveDuplicates().hasSize(297);
            assertThat(order.subList(0, 3)).containsExactly("stored", "a0", "a1");
        }
    }

    /** Rows written the exact way (a chunk with a stored id, a small group) are not streamed again later. */
    @ParameterizedTest(name = "bulk={0}")
    @ValueSource(booleans = {true, false})
    void rowsWrittenTheExactWayAreKnownToLaterChunks(boolean bulk) {
        try (FeedbackStore store = StoreLocations.open(TestPostgres.newDatabase())) {
            store.insert(row("stored", "prompt stored").entry());
            List<EntryRow> a = chunk("a", 100);
            a.set(0, row("stored", "prompt stored"));   // the chunk goes the exact way
            List<EntryRow> b = chunk("b", 100);
            b.set(5, row("a7", "prompt a7"));           // written the exact way above
            List<EntryRow> d = chunk("d", 100);
            d.set(9, row("g1", "prompt g1"));           // written in a small group
            List<InsertResult> rb;
            List<InsertResult> rd;
            try (BatchWriter w = open(store, bulk)) {
                assertThat(w.addAll(a).get(0)).isEqualTo(InsertResult.UNCHANGED);
                rb = w.addAll(b);
                assertThat(w.addAll(chunk("g", 3))).containsOnly(InsertResult.INSERTED);
                rd = w.addAll(d);
                w.commit();
            }
            assertThat(rb.get(5)).isEqualTo(InsertResult.UNCHANGED);
            assertThat(rd.get(9)).isEqualTo(InsertResult.UNCHANGED);
            assertThat(store.count()).isEqualTo(1 + 99 + 99 + 3 + 99);
        }
    }

    @ParameterizedTest(name = "bulk={0}")
    @ValueSource(booleans = {true, false})
    void aStreamNotCommittedStoresNothing(boolean bulk) {
        try (FeedbackStore store = StoreLocations.open(TestPostgres.newDatabase())) {
            try (BatchWriter w = open(store, bulk)) {
                w.addAll(chunk("a", 100));
                w.addAll(chunk("b", 100));
            }
            assertThat(store.count()).isZero();
            try (BatchWriter w = open(store, bulk)) {
                assertThat(w.addAll(chunk("a", 100))).containsOnly(InsertResult.INSERTED);
                w.commit();
            }
            assertThat(store.count()).isEqualTo(100);
        }
    }

    @ParameterizedTest(name = "bulk={0}")
    @ValueSource(booleans = {true, false})
    void aTextPostgresCannotStoreFailsTheImportWithNothingStored(boolean bulk) {
        try (FeedbackStore store = StoreLocations.open(TestPostgres.newDatabase())) {
            List<EntryRow> bad = chunk("b", 100);
            bad.set(50, row("b50", "nul \u0000 here"));
            assertThatThrownBy(() -> {
                try (BatchWriter w = open(store, bulk)) {
                    w.addAll(chunk("a", 100));
                    w.addAll(bad);
                    w.commit();
                }
            }).isInstanceOf(InvalidInputException.class).hasMessageContaining("NUL");
            assertThat(store.count()).isZero();
        }
    }

    @Test
    void idHashesAreKeptWithoutLoss() {
        PgCopyStream.LongSet set = new PgCopyStream.LongSet();
        for (long i = 0; i < 10_000; i++) {
            assertThat(set.add(PgCopyStream.hash("id-" + i))).isTrue();
        }
        for (long i = 0; i < 10_000; i++) {
            assertThat(set.contains(PgCopyStream.hash("id-" + i))).isTrue();
            assertThat(set.add(PgCopyStream.hash("id-" + i))).isFalse();
        }
        assertThat(set.contains(PgCopyStream.hash("other"))).isFalse();
        assertThat(set.add(0)).isTrue();
        assertThat(set.contains(0)).isTrue();
    }
}
