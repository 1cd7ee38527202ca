package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.internal.Timestamps;
import dev.feedbackloop.storage.FeedbackStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        header = "List stored feedback, newest first.",
        description = {"The specification's get_feedback. Control characters in stored texts are shown as escapes "
            + "(\\x1B); --json prints them exactly."})
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    final StoreOptions store = new StoreOptions();
    @Mixin(name = "store")
    final CommandSpec storeOptions = store.mixin();
    final FilterOptions filter = new FilterOptions();
    @Mixin(name = "filter")
    final CommandSpec filterOptions = filter.mixin();

    @Option(names = "--limit", defaultValue = "20", description = "At most this many entries (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws IOException {
        List<FeedbackEntry> entries;
        try (FeedbackLoop loop = store.open()) {
            FeedbackStore s = loop.database();
            entries = s.find(filter.query(limit));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (store.json) {
            out.println(FeedbackJson.write(entries));
            return ExitCodes.OK;
        }
        if (entries.isEmpty()) {
            out.println("No feedback matches.");
        }
        for (FeedbackEntry e : entries) {
            out.printf("%s  %s  %d/5 %s  %-22s %s%n", Timestamps.format(e.timestamp()).substring(0, 19),
                    e.feedbackId(), e.rating(), e.thumbsUp() ? "up  " : "down", nullToDash(e.framework()),
                    String.join(",", e.tags()));
            out.printf("    prompt: %s%n", Text.abbreviate(e.prompt(), 100));
            if (e.notes() != null) {
                out.printf("    notes:  %s%n", Text.abbreviate(e.notes(), 100));
            }
        }
        return ExitCodes.OK;
    }

    private static String nullToDash(String s) {
        return s == null ? "-" : s;
    }
}
