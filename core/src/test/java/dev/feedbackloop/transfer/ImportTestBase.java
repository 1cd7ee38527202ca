package dev.feedbackloop.transfer;

import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh database per test and a one-call import into it. */
abstract class ImportTestBase {
    @TempDir
    Path dir;
    FeedbackStore store;

    @BeforeEach
    void open() {
        store = openStore();
    }

    /** The store under test: a SQLite file here; subclasses run the same scenarios on other databases. */
    FeedbackStore openStore() {
        return SqliteFeedbackStore.open(dir.resolve("f.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** How timestamps without an offset are read in this test class. */
    ZoneId zone() {
        return ZoneId.systemDefault();
    }

    ImportResult importFile(Path file, boolean skipInvalid) {
        return new FeedbackImporter(store).importFile(file, new ImportOptions(skipInvalid, zone()), Progress.NONE);
    }
}
