package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.lifecycle.Actors;
import dev.feedbackloop.lifecycle.Deletion;
import dev.feedbackloop.lifecycle.DeletionFilter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "delete", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Delete entries by id, by rater or by the list filters.",
        description = {"Every condition given must hold (--id, --rater and the list filters together). One "
            + "transaction: the entries leave every count and cache as if never stored, matching replaced votes "
            + "leave the vote history, saved reports that counted them are dropped, and the deletion is written to "
            + "the audit trail (who, when, the filter, how many; never the deleted content). Without any condition "
            + "nothing is deleted. --dry-run says what would go; --vacuum rewrites the file so the rows are gone "
            + "from it too, not only unreachable."},
        footer = {"", "Examples:", "  feedback delete --rater user-42 --dry-run",
            "  feedback delete --tags beta --max-rating 2 --vacuum"})
final class DeleteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    final StoreOptions store = new StoreOptions();
    @Mixin(name = "store")
    final CommandSpec storeOptions = store.mixin();

    @Option(names = "--id", paramLabel = "ID", description = "The entry with this feedback_id.")
    String id;

    @Option(names = "--rater", paramLabel = "RATER", description = "Everything this rater (rater_id) gave.")
    String rater;

    final FilterOptions filter = new FilterOptions();
    @Mixin(name = "filter")
    final CommandSpec filterOptions = filter.mixin();

    @Option(names = "--dry-run", description = "Say what would be deleted; change nothing.")
    boolean dryRun;

    @Option(names = "--vacuum", description = "Afterwards rewrite the database file (VACUUM) so the deleted rows are "
            + "gone from it; slow on a large database, and other writers wait for it.")
    boolean vacuum;

    @Override
    public Integer call() {
        DeletionFilter f = new DeletionFilter(id, rater, filter.query(null));
        try (FeedbackLoop loop = store.open()) {
            Deletion d = loop.delete(f, dryRun, Actors.cli());
            return DeletionOutput.finish(loop, d, vacuum, store.json, spec.commandLine().getOut());
        }
    }
}
