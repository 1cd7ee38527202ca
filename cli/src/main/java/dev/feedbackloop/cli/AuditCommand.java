package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.lifecycle.AuditEvent;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "audit", mixinStandardHelpOptions = true,
        header = "List the audit trail: deletions, purges and key changes.",
        description = {"Newest first: when, who (cli:<user>, key:<name>, retention), what, the filter or key, and how "
            + "many rows. The trail never holds deleted content: a rater's id appears only as its SHA-256."})
final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    final StoreOptions store = new StoreOptions();
    @Mixin(name = "store")
    final CommandSpec storeOptions = store.mixin();

    @Option(names = "--since", paramLabel = "ISO-8601", description = "Events at or after this time.")
    String since;

    @Option(names = "--limit", paramLabel = "N", description = "At most this many events (default: ${DEFAULT-VALUE}).")
    int limit = 100;

    @Override
    public Integer call() {
        List<AuditEvent> events;
        try (FeedbackLoop loop = store.open()) {
            events = loop.audit(FilterOptions.instant(since), limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (store.json) {
            out.println(FeedbackJson.write(events.stream().map(AuditEvent::toMap).toList()));
            return ExitCodes.OK;
        }
        if (events.isEmpty()) {
            out.println("No audit events.");
        }
        for (AuditEvent e : events) {
            out.println(SafeText.escape(String.format("%s  %-20s %-11s %,8d  %s", e.at(), e.actor(), e.action(),
                    e.affected(), FeedbackJson.write(new java.util.TreeMap<>(e.detail())))));
        }
        return ExitCodes.OK;
    }
}
