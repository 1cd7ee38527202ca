package dev.feedbackloop.cli;

import dev.feedbackloop.DefaultDatabase;
import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.FeedbackLoopBuilder;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code --db} and {@code --json}, shared by every command that touches the database, and the one
 * way the command line opens the front door ({@link FeedbackLoop#builder}). A command takes them as
 * {@code final StoreOptions store = new StoreOptions(); @Mixin(name = "store") final CommandSpec
 * storeOptions = store.mixin();} (built in code, not from annotations: see {@link ProgrammaticSpecs}).
 */
final class StoreOptions {
    /** The command line's one clock: the system's, in the local time zone (naive times are local). */
    static final Clock CLOCK = Clock.systemDefaultZone();

    String db;
    boolean json;

    /** The two options as a picocli mixin that stores their values in this object. */
    CommandSpec mixin() {
        CommandSpec spec = CommandSpec.create();
        spec.addOption(ProgrammaticSpecs.option("--db", String.class, () -> db, v -> db = v).paramLabel("PATH")
                .description("SQLite database file or postgresql:// URL (default: $FEEDBACK_DB or data/feedback.db); created if missing.")
                .build());
        spec.addOption(ProgrammaticSpecs.option("--json", boolean.class, () -> json, v -> json = v)
                .description("Machine-readable JSON on stdout (nothing else goes to stdout).").build());
        return spec;
    }

    /** Where the data is: {@code --db}, else {@link DefaultDatabase}. */
    String location() {
        return db != null ? db : DefaultDatabase.location();
    }

    /** The database as a local file (for what lives beside it). */
    Path db() {
        return Path.of(location());
    }

    /**
     * Refuses (exit 2, nothing written) an output file that is the database or one of its files,
     * compared as files, not names. Every command that writes a file calls this first.
     */
    void refuseToOverwrite(Path output, String option) {
        FeedbackLoop.refuseToOverwrite(location(), output, option);
    }

    /** Opens (creating and upgrading as needed) the database, wired with the command line's clock. */
    FeedbackLoop open() {
        return open(FeedbackLoop.builder(location()));
    }

    /**
     * Opens {@code builder}'s store with the command line's clock and its notes of long one-time work
     * on standard error; for commands with settings of their own. The process runs this one command
     * ({@link FeedbackLoopBuilder#oneShot}).
     */
    FeedbackLoop open(FeedbackLoopBuilder builder) {
        return configured(builder).oneShot(true).open();
    }

    /** As {@link #open(FeedbackLoopBuilder)}, for the service, which runs until stopped. */
    FeedbackLoop openLongRunning(FeedbackLoopBuilder builder) {
        return configured(builder).open();
    }

    private static FeedbackLoopBuilder configured(FeedbackLoopBuilder builder) {
        return builder.clock(CLOCK).notes(line -> System.err.println("feedback: " + line));
    }
}
