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
}
