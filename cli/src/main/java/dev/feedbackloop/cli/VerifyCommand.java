package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.storage.StoreCheck;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        header = "Check the database: integrity, schema version, rows, orphaned votes.",
        description = {"Runs the database's integrity check and reports its schema version, the rows of each table "
            + "and votes in history whose rater's later vote was deleted."},
        footer = {"", "Exit codes: 0 sound and current, 1 damaged or at another schema version, 2 bad input."})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    final StoreOptions store = new StoreOptions();
    @Mixin(name = "store")
    final CommandSpec storeOptions = store.mixin();

    @Override
    public Integer call() {
        StoreCheck check;
        try (FeedbackLoop loop = store.open()) {
            check = loop.database().verify();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (store.json) {
            out.println(FeedbackJson.write(toMap(check)));
        } else {
            out.printf("Integrity:      %s%n", check.integrity().isEmpty()
                    ? (check.checked().startsWith("not checked") ? check.checked() : "ok (" + check.checked() + ")")
                    : String.join("; ", check.integrity()));
            out.printf("Schema version: %d (this version writes %d)%n", check.schemaVersion(), check.expectedSchema());
            check.rows().forEach((table, n) -> out.printf("  %-17s %,d rows%n", table, n));
            out.printf("Orphaned votes: %d%n", check.orphanedVotes());
        }
        return check.ok() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    static Map<String, Object> toMap(StoreCheck check) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", check.ok());
        m.put("integrity", check.integrity());
        m.put("integrity_checked", check.checked());
        m.put("schema_version", check.schemaVersion());
        m.put("expected_schema_version", check.expectedSchema());
        m.put("rows", check.rows());
        m.put("orphaned_votes", check.orphanedVotes());
        return m;
    }
}
