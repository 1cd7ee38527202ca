package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.NotFoundException;
import dev.feedbackloop.access.ApiKey;
import dev.feedbackloop.access.ApiKeys;
import dev.feedbackloop.access.KeyScope;
import dev.feedbackloop.internal.Timestamps;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "keys", mixinStandardHelpOptions = true,
        header = "Create, list and revoke API keys of the HTTP service.",
        description = {"A key is shown once, when it is created; the database keeps only its SHA-256. Scopes: capture "
            + "(only writes feedback), read (reads), admin (both). Each subcommand takes --db PATH and --json."},
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    static Map<String, Object> toMap(ApiKey k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", k.name());
        m.put("scope", k.scope().label());
        m.put("origins", k.origins());
        m.put("created", Timestamps.format(k.created()));
        m.put("revoked", k.revoked() == null ? null : Timestamps.format(k.revoked()));
        return m;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, header = "Create a key and print it (once).")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        final StoreOptions store = new StoreOptions();
        @Mixin(name = "store")
        final CommandSpec storeOptions = store.mixin();

        @Option(names = "--name", required = true, description = "A name for logs and revocation (letters, digits, . _ -).")
        String name;

        @Option(names = "--scope", required = true, description = "capture, read or admin.")
        String scope;

        @Option(names = "--origin", paramLabel = "URL", description = "A browser origin allowed to use the key "
                + "(https://app.example); repeatable.")
        List<String> origins = new ArrayList<>();

        @Override
        public Integer call() {
            try (FeedbackLoop loop = store.open()) {
                ApiKeys.Created c = loop.keys(dev.feedbackloop.lifecycle.Actors.cli()).create(name, KeyScope.parse(scope), origins);
                PrintWriter out = spec.commandLine().getOut();
                if (store.json) {
                    Map<String, Object> m = toMap(c.key());
                    m.put("key", c.secret());
                    out.println(FeedbackJson.write(m));
                } else {
                    out.println(c.secret());
                    spec.commandLine().getErr().printf("key '%s' (%s) created; it is shown only this once%n", name,
                            c.key().scope().label());
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, header = "List keys (names, scopes, origins; never the keys).")
    static final class ListKeys implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        final StoreOptions store = new StoreOptions();
        @Mixin(name = "store")
        final CommandSpec storeOptions = store.mixin();

        @Override
        public Integer call() {
            try (FeedbackLoop loop = store.open()) {
                List<ApiKey> keys = loop.keys().list();
                PrintWriter out = spec.commandLine().getOut();
                if (store.json) {
                    out.println(FeedbackJson.write(keys.stream().map(KeysCommand::toMap).toList()));
                    return ExitCodes.OK;
                }
                for (ApiKey k : keys) {
                    out.printf("%-20s %-8s %-8s %s %s%n", k.name(), k.scope().label(), k.active() ? "active" : "revoked",
                            Timestamps.format(k.created()), String.join(",", k.origins()));
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, header = "Revoke a key; the server refuses it within a second.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        final StoreOptions store = new StoreOptions();
        @Mixin(name = "store")
        final CommandSpec storeOptions = store.mixin();

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            try (FeedbackLoop loop = store.open()) {
                if (!loop.keys(dev.feedbackloop.lifecycle.Actors.cli()).revoke(name)) {
                    throw new NotFoundException("no active key named '" + name + "'");
                }
            }
            spec.commandLine().getErr().printf("key '%s' revoked%n", name);
            return ExitCodes.OK;
        }
    }
}
