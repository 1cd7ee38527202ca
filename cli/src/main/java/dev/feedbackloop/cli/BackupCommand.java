package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.FeedbackLoop;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "backup", mixinStandardHelpOptions = true,
        header = "Copy the whole database to a file, consistent to one moment.",
        description = {"Safe while the service runs and captures arrive: what was committed before the copy began "
            + "is in it, what commits later is not, and the file appears complete or not at all. An existing "
            + "file is never overwritten. Restore with 'feedback restore FILE --db NEW'.",
            "The backup is a SQLite file of this tool's schema whichever database --db is (on PostgreSQL: read with "
            + "COPY in one read-only snapshot, no lock taken): check it with 'feedback verify --db FILE', restore it "
            + "into a SQLite file or a PostgreSQL database."})
final class BackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    final StoreOptions store = new StoreOptions();
    @Mixin(name = "store")
    final CommandSpec storeOptions = store.mixin();

    @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the backup (must not exist).")
    Path file;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        long entries;
        try (FeedbackLoop loop = store.open()) {
            entries = loop.database().backupTo(file);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (store.json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("file", file.toString());
            out.put("entries", entries);
            out.put("elapsed_seconds", seconds);
            spec.commandLine().getOut().println(FeedbackJson.write(out));
        } else {
            spec.commandLine().getOut().printf("Backed up %d entries to %s (%.1f s)%n", entries, file, seconds);
        }
        return ExitCodes.OK;
    }
}
