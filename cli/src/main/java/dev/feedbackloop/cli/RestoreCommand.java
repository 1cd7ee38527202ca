package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.storage.sqlite.SqliteBackups;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "restore", mixinStandardHelpOptions = true,
        header = "Restore a backup into a new or empty database.",
        description = {"Checks the backup's integrity first (a damaged backup restores nothing), copies it into --db, "
            + "which must not exist or must hold no entries, brings it to the current schema and checks it again.",
            "A PostgreSQL --db must exist and hold nothing (no rows in any table); every table is copied in one "
            + "transaction, ids kept, and must then hold as many rows as in the file."})
final class RestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    final StoreOptions store = new StoreOptions();
    @Mixin(name = "store")
    final CommandSpec storeOptions = store.mixin();

    @Parameters(index = "0", paramLabel = "FILE", description = "The backup file ('feedback backup').")
    Path file;

    @Override
    public Integer call() {
        SqliteBackups.Restored r = FeedbackLoop.restore(store.location(), file);
        String database = dev.feedbackloop.storage.StoreLocations.redact(store.location()); // never a password
        if (store.json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("database", database);
            out.put("entries", r.entries());
            out.put("check", VerifyCommand.toMap(r.check()));
            spec.commandLine().getOut().println(FeedbackJson.write(out));
        } else {
            spec.commandLine().getOut().printf("Restored %d entries from %s into %s; integrity ok, schema version %d%n",
                    r.entries(), file, database, r.check().schemaVersion());
        }
        return ExitCodes.OK;
    }
}
