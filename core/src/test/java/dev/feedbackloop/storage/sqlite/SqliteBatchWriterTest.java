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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

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
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + file);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA page_size")) {
                assertThat(rs.getInt(1)).isEqualTo(SqliteConnections.PAGE_SIZE);
            }
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.getString(1)).isEqualTo("wal");
            }
        }
    }
}
