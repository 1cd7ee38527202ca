package dev.feedbackloop.cli;

import dev.feedbackloop.DefaultDatabase;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --db} and {@code --json}, shared by every command that touches the database. */
final class StoreOptions {
    @Option(names = "--db", paramLabel = "PATH",
            description = "SQLite database file (default: $FEEDBACK_DB or data/feedback.db); created if missing.")
    Path db;

    @Option(names = "--json", description = "Machine-readable JSON on stdout (nothing else goes to stdout).")
    boolean json;

    /** The database file: {@code --db}, else {@link DefaultDatabase}. */
    Path db() {
        return db != null ? db : DefaultDatabase.resolve();
    }

    /** Opens (creating and upgrading as needed) the database. */
    FeedbackStore open() {
        return SqliteFeedbackStore.open(db());
    }
}
