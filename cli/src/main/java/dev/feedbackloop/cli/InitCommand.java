package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.storage.FeedbackStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "init", mixinStandardHelpOptions = true,
        header = "Create the database, or upgrade an older one keeping every row.",
        description = {"Creates the database, or upgrades one written by an older version (or by the original Python "
            + "tool) in place, keeping every row; then checks that its tables have what this version needs."})
final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    final StoreOptions store = new StoreOptions();
    @Mixin(name = "store")
    final CommandSpec storeOptions = store.mixin();

    @Override
    public Integer call() {
        try (FeedbackLoop loop = store.open()) {
            FeedbackStore s = loop.database();
            long n = s.count();
            if (store.json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("database", s.location());
                out.put("entries", n);
                spec.commandLine().getOut().println(FeedbackJson.write(out));
            } else {
                spec.commandLine().getOut().printf("Database ready at %s (%d entries)%n", s.location(), n);
            }
        }
        return ExitCodes.OK;
    }
}
