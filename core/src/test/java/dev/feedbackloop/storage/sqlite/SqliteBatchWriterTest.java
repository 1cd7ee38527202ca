package dev.feedbackloop.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.ConflictException;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.EntryRow;
import dev.feedbackloop.storage.InsertResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqliteBatchWriterTest {
    private static final Instant T = Instant.parse("2026-11-01T10:00:00Z");

    @TempDir
    Path dir;

    private static EntryRow row(String id, String prompt) {
        return EntryRow.of(FeedbackEntry.builder(prompt, "out", 4).feedbackId(id).timestamp(T).tags("a").build());
    }

    @Test
    void addAllTellsNewFromRepeatedAndConflictingRowsAndStoresOnlyOnCommit() {
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(dir.resolve("f.db"))) {
            store.insert(row("stored", "p").entry());
            try (BatchWriter batch = store.openBatch()) {
                List<InsertResult> results = batch.addAll(List.of(row("a", "p"), row("stored", "p"), row("stored", "other"),
                        row("b", "p"), row("a", "p"), row("b", "changed")));
                assertThat(results).containsExactly(InsertResult.INSERTED, InsertResult.UNCHANGED, InsertResult.CONFLICT,
                        InsertResult.INSERTED, InsertResult.UNCHANGED, InsertResult.CONFLICT);
                assertThatThrownBy(() -> batch.add(row("a", "third"))).isInstanceOf(ConflictException.class);
                assertThat(batch.add(row("c", "p"))).isEqualTo(InsertResult.INSERTED);
                assertThat(store.count()).isEqualTo(1);
                batch.commit();
            }
            assertThat(store.count()).isEqualTo(4);
            assertThat(store.findById("b")).get().extracting(FeedbackEntry::prompt).isEqualTo("p");
            try (BatchWriter batch = store.openBatch()) {
                batch.addAll(List.of(row("d", "p")));
            }
            assertThat(store.findById("d")).isEmpty();
        }
    }

    @Test
    void newDatabasesUseLargerPagesAndWal() throws Exception {
        Path file = dir.resolve("new.db");
        SqliteFeedbackStore.open(file).close();
        assertThat(SqliteProbe.pragma(file, "page_size")).isEqualTo(Integer.toString(SqliteConnections.PAGE_SIZE));
        assertThat(SqliteProbe.pragma(file, "journal_mode")).isEqualTo("wal");
    }

    @Test
    void bulkBatchHoldsTheFileAloneWritesOnceAndRestoresWal() throws Exception {
        Path file = dir.resolve("bulk.db");
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(file)) {
            store.insert(row("before", "p").entry());
            try (BatchWriter batch = store.openBulkBatch()) {
                assertThat(batch.addAll(List.of(row("a", "p"), row("before", "p"), row("before", "other"), row("a", "p"))))
                        .containsExactly(InsertResult.INSERTED, InsertResult.UNCHANGED, InsertResult.CONFLICT,
                                InsertResult.UNCHANGED);
                assertThat(dir.resolve("bulk.db-wal")).as("no write-ahead log while loading").doesNotExist();
                assertThat(SqliteProbe.canRead(file)).as("others wait while the bulk load holds the file").isFalse();
                batch.commit();
            }
            assertThat(SqliteProbe.canRead(file)).isTrue();
            assertThat(SqliteProbe.pragma(file, "journal_mode")).isEqualTo("wal");
            assertThat(store.findById("a")).isPresent();
            store.insert(row("after", "p").entry());
            assertThat(store.count()).isEqualTo(3);
        }
    }

    @Test
    void abandonedBulkBatchStoresNothingAndLeavesWal() throws Exception {
        Path file = dir.resolve("abandoned.db");
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(file)) {
            store.insert(row("before", "p").entry());
            try (BatchWriter batch = store.openBulkBatch()) {
                for (int i = 0; i < 2_000; i++) {
                    batch.add(row("r" + i, "a prompt long enough to need some pages ".repeat(20)));
                }
                assertThat(SqliteProbe.canRead(file)).as("the bulk path was taken").isFalse();
            }
            assertThat(store.count()).isEqualTo(1);
        }
        assertThat(SqliteProbe.pragma(file, "journal_mode")).isEqualTo("wal");
    }

    /** Another connection reading (in a transaction), or open after a read: the bulk batch is an ordinary one. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void bulkBatchSharesTheFileWhenAnotherConnectionUsesIt(boolean inTransaction) throws Exception {
        Path file = dir.resolve("shared-" + inTransaction + ".db");
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(file);
             Connection reader = SqliteProbe.noWait(file); Statement st = reader.createStatement()) {
            store.insert(row("before", "p").entry());
            if (inTransaction) {
                st.execute("BEGIN");
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM feedback")) {
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            try (BatchWriter batch = store.openBulkBatch()) {
                batch.add(row("a", "p"));
                assertThat(dir.resolve("shared-" + inTransaction + ".db-wal")).exists();
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM feedback")) {
                    assertThat(rs.getInt(1)).as("the reader is not blocked and sees the committed data").isEqualTo(1);
                }
                batch.commit();
            }
            if (inTransaction) {
                st.execute("COMMIT");
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM feedback")) {
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void captureDuringBulkBatchWaitsForItAndSucceeds() throws Exception {
        Path file = dir.resolve("wait.db");
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(file)) {
            CompletableFuture<InsertResult> capture;
            try (BatchWriter batch = store.openBulkBatch()) {
                batch.add(row("bulk", "p"));
                assertThat(SqliteProbe.canRead(file)).as("the bulk path was taken").isFalse();
                capture = CompletableFuture.supplyAsync(() -> {
                    try (SqliteFeedbackStore other = SqliteFeedbackStore.open(file)) {
                        return other.insert(row("captured", "p").entry());
                    }
                });
                Thread.sleep(500);
                assertThat(capture).as("the capture waits for the bulk load").isNotDone();
                batch.commit();
            }
            assertThat(capture.get(30, TimeUnit.SECONDS)).isEqualTo(InsertResult.INSERTED);
            assertThat(store.count()).isEqualTo(2);
        }
    }

    @Test
    void secondBulkBatchOfTheSameStoreWaitsForTheFirstAsAnOrdinaryBatch() throws Exception {
        Path file = dir.resolve("two.db");
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(file)) {
            CompletableFuture<Long> second;
            try (BatchWriter first = store.openBulkBatch()) {
                first.add(row("first", "p"));
                second = CompletableFuture.supplyAsync(() -> {
                    try (BatchWriter b = store.openBulkBatch()) {
                        b.add(row("second", "p"));
                        b.commit();
                    }
                    return store.count();
                });
                Thread.sleep(500);
                assertThat(second).isNotDone();
                first.commit();
            }
            assertThat(second.get(60, TimeUnit.SECONDS)).isEqualTo(2);
        }
        assertThat(SqliteProbe.pragma(file, "journal_mode")).isEqualTo("wal");
    }
}
