package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.storage.StoreCopy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        header = "Copy a SQLite database into PostgreSQL, everything, ids kept.",
        description = {"Copies feedback, vote history, changes, kept outputs, settings, the analysis cache, reports "
            + "and API keys in one transaction, and prints the rows of each table on both sides. Running it again "
            + "adds nothing. The target must be new or empty, or the database this file was copied to before."},
        footer = {"", "Example: feedback migrate --from data/feedback.db --to postgresql://app@db.internal:5432/feedback",
            "Exit codes: 0 copied, 1 a database failed (nothing copied), 2 bad input or a target holding other data."})
final class MigrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    final StoreOptions store = new StoreOptions();
    @Mixin(name = "store")
    final CommandSpec storeOptions = store.mixin();

    @Option(names = "--from", paramLabel = "FILE",
            description = "The SQLite database to copy (default: --db, $FEEDBACK_DB or data/feedback.db).")
    Path from;

    @Option(names = "--to", paramLabel = "URL", required = true,
            description = "The PostgreSQL database: postgresql://user@host:5432/db (password from the URL, "
                    + "PGPASSWORD or ~/.pgpass).")
    String to;

    @Override
    public Integer call() {
        if (from == null && dev.feedbackloop.storage.StoreLocations.isUrl(store.location())) {
            // never echo the location: it may carry a password
            throw new dev.feedbackloop.InvalidInputException("give the SQLite file to copy with --from: the database"
                    + " location (--db or $FEEDBACK_DB) is a server URL, not a SQLite file");
        }
        Path source = from != null ? from : Path.of(store.location());
        StoreCopy copy = FeedbackLoop.migrate(source, to);
        PrintWriter out = spec.commandLine().getOut();
        if (store.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", copy.source());
            m.put("to", copy.target());
            Map<String, Object> tables = new LinkedHashMap<>();
            copy.sourceRows().forEach((table, n) -> tables.put(table, Map.of("source", n,
                    "target", copy.targetRows().get(table), "added", copy.added().get(table))));
            m.put("tables", tables);
            out.println(FeedbackJson.write(m));
        } else {
            out.printf("Copied %s to %s%n", copy.source(), copy.target());
            out.printf("  %-17s %12s %12s %12s%n", "table", "source", "target", "added");
            copy.sourceRows().forEach((table, n) -> out.printf("  %-17s %,12d %,12d %,12d%n", table, n,
                    copy.targetRows().get(table), copy.added().get(table)));
        }
        return ExitCodes.OK;
    }
}
