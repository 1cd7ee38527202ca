package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.lifecycle.Actors;
import dev.feedbackloop.lifecycle.Deletion;
import dev.feedbackloop.lifecycle.Retention;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "purge", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Delete everything older than an age.",
        description = {"Deletes the entries stored before now less the age, the replaced votes of that time and the "
            + "outputs kept for feedback tokens created before it, in one transaction, as 'delete' does (counts, "
            + "caches, saved reports, audit trail). 'feedback serve --retention AGE' does the same once a day."},
        footer = {"", "Example:", "  feedback purge --older-than 180d --dry-run"})
final class PurgeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    final StoreOptions store = new StoreOptions();
    @Mixin(name = "store")
    final CommandSpec storeOptions = store.mixin();

    @Option(names = "--older-than", required = true, paramLabel = "AGE",
            description = "180d (days), 26w (weeks), 12h (hours) or ISO-8601 (P180D).")
    String olderThan;

    @Option(names = "--dry-run", description = "Say what would be deleted; change nothing.")
    boolean dryRun;

    @Option(names = "--vacuum", description = "Afterwards rewrite the database file (VACUUM) so the deleted rows are "
            + "gone from it; slow on a large database, and other writers wait for it.")
    boolean vacuum;

    @Override
    public Integer call() {
        var age = Retention.parseAge(olderThan);
        try (FeedbackLoop loop = store.open()) {
            Deletion d = loop.purge(age, dryRun, Actors.cli());
            return DeletionOutput.finish(loop, d, vacuum, store.json, spec.commandLine().getOut());
        }
    }
}
