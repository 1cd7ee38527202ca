package dev.feedbackloop.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.StorageException;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.FeedbackStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteFeedbackStoreTest extends FeedbackStoreContract {
    @TempDir
    Path dir;

    @Override
    protected FeedbackStore newStore() {
        return SqliteFeedbackStore.open(dir.resolve("nested/folders/feedback.db"));
    }

    @Test
    void createsParentFoldersAndReopensWithoutMigratingAgain() throws Exception {
        store.insert(entry("r1", 5, true, T0));
        store.close();
        // the migration lock file is made only when the schema is out of date
        Path lock = dir.resolve("nested/folders/.feedback.db.migration-lock");
        assertThat(lock).exists();
        Files.delete(lock);

        store = SqliteFeedbackStore.open(dir.resolve("nested/folders/feedback.db"));
        assertThat(store.count()).isEqualTo(1);
        assertThat(lock).as("no migration on reopen").doesNotExist();
    }

    @Test
    void refusesAFileThatIsNotADatabaseAndLeavesItUntouched() throws Exception {
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "shopping list: milk, eggs\n");

        assertThatThrownBy(() -> SqliteFeedbackStore.open(notes)).isInstanceOf(NotADatabaseException.class)
                .hasMessageContaining("not a SQLite database");
        assertThat(Files.readString(notes)).isEqualTo("shopping list: milk, eggs\n");
        assertThat(Files.list(dir)).extracting(p -> p.getFileName().toString()).doesNotContain("notes.txt-wal");
    }

    @Test
    void pathThatCannotBeCreatedGivesAClearError() throws Exception {
        Path file = dir.resolve("plain-file");
        Files.writeString(file, "x");

        assertThatThrownBy(() -> SqliteFeedbackStore.open(file.resolve("sub/feedback.db")))
                .isInstanceOf(StorageException.class).hasMessageContaining("cannot create folder");
        assertThatThrownBy(() -> SqliteFeedbackStore.open(Path.of("/proc/feedback-test/feedback.db")))
                .isInstanceOf(StorageException.class).hasMessageContaining("cannot create");
    }

    @Test
    void aDatabaseThatLacksAColumnIsReportedOnceClearlyAndLeftAlone() throws Exception {
        Path file = dir.resolve("damaged.db");
        SqliteFeedbackStore.open(file).close();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var st = c.createStatement()) {
            st.execute("ALTER TABLE feedback DROP COLUMN notes");
            st.execute("DROP TABLE reports");
        }
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> SqliteFeedbackStore.open(file))
                .isInstanceOf(dev.feedbackloop.storage.IncompatibleSchemaException.class)
                .hasMessageContaining("table feedback lacks column notes; table reports is missing")
                .hasMessageContaining("left as it is");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void theStoreKnowsItsFilesUnderAnyName() throws Exception {
        Path file = dir.resolve("a.db");
        try (SqliteFeedbackStore s = SqliteFeedbackStore.open(file)) {
            Files.createDirectories(dir.resolve("sub"));
            assertThat(s.holds(file)).isTrue();
            assertThat(s.holds(dir.resolve("sub/../a.db"))).isTrue();
            assertThat(s.holds(Files.createSymbolicLink(dir.resolve("link"), file))).isTrue();
            assertThat(s.holds(Files.createLink(dir.resolve("hard"), file))).isTrue();
            assertThat(s.holds(dir.resolve("a.db-wal"))).isTrue();
            assertThat(s.holds(dir.resolve("a.db-shm"))).isTrue();
            assertThat(s.holds(dir.resolve("a.db-journal"))).isTrue();
            assertThat(s.holds(dir.resolve("a.db.json"))).isFalse();
            assertThat(s.holds(dir.resolve("sub/a.db"))).isFalse();
            assertThatThrownBy(() -> s.refuseToOverwrite(dir.resolve("link"), "--output"))
                    .isInstanceOf(dev.feedbackloop.InvalidInputException.class).hasMessageContaining("--output");
        }
    }
}
