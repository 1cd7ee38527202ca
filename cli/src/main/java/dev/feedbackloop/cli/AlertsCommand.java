package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.alerts.AlertMonitor;
import dev.feedbackloop.alerts.Alerts;
import dev.feedbackloop.alerts.Delivery;
import dev.feedbackloop.alerts.Destination;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.HexFormat;
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

@Command(name = "alerts", mixinStandardHelpOptions = true,
        header = "Alerts on drops in success rate, and where they are delivered.",
        description = {"'feedback serve' looks for drops every day (overall and per framework, model and tag; "
            + "anytime-valid, so daily looks do not add false alarms: docs/alerts.md) and delivers alerts and "
            + "reviews to the destinations added here: signed JSON webhooks, Slack incoming webhooks, e-mail. "
            + "Secrets (signing keys, SMTP passwords) are stored in the database and never printed again. "
            + "Each subcommand takes --db PATH and --json."},
        subcommands = {AlertsCommand.ListAlerts.class, AlertsCommand.Check.class, AlertsCommand.Add.class,
            AlertsCommand.Remove.class, AlertsCommand.Destinations.class, AlertsCommand.Test.class})
final class AlertsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            header = "List alerts and their deliveries, dead letters included.")
    static final class ListAlerts implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        final StoreOptions store = new StoreOptions();
        @Mixin(name = "store")
        final CommandSpec storeOptions = store.mixin();

        @Option(names = "--limit", defaultValue = "20", description = "At most this many of each, newest first (default ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--dead", description = "Only deliveries that gave up (dead letters).")
        boolean dead;

        @Override
        public Integer call() {
            if (limit < 1) {
                throw new InvalidInputException("--limit must be at least 1");
            }
            try (FeedbackLoop loop = store.open()) {
                List<Map<String, Object>> alerts = dead ? List.of() : loop.alerts().list(limit);
                List<Delivery> deliveries = loop.alerts().deliveries(limit, dead ? Delivery.State.DEAD : null);
                PrintWriter out = spec.commandLine().getOut();
                if (store.json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("alerts", alerts);
                    m.put("deliveries", deliveries.stream().map(Alerts::toMap).toList());
                    out.println(FeedbackJson.write(m));
                    return ExitCodes.OK;
                }
                if (!dead) {
                    out.println(alerts.isEmpty() ? "No alerts." : "Alerts:");
                    for (Map<String, Object> a : alerts) {
                        out.printf("  %s  %s%n    %s%n", a.get("detected_on"), SafeText.escape(String.valueOf(a.get("summary"))),
                                SafeText.escape(String.valueOf(a.get("dashboard"))));
                    }
                }
                out.println(deliveries.isEmpty() ? (dead ? "No dead letters." : "No deliveries.") : "Deliveries:");
                for (Delivery d : deliveries) {
                    out.printf("  %-9s %-16s %-40s attempts %d%s%n", d.state().id(), d.destination(), d.eventKey(), d.attempts(),
                            d.lastError() == null ? "" : "  last error: " + SafeText.escape(d.lastError()));
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            header = "Look for drops now (what 'feedback serve' does daily); new alerts are delivered.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        final StoreOptions store = new StoreOptions();
        @Mixin(name = "store")
        final CommandSpec storeOptions = store.mixin();
        @Mixin
        AlertOptions alertOptions = new AlertOptions();

        @Override
        public Integer call() {
            try (FeedbackLoop loop = alertOptions.open(store)) {
                AlertMonitor.Check c = loop.alerts().check();
                loop.alerts().deliverDue();
                PrintWriter out = spec.commandLine().getOut();
                if (store.json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("day", c.day().toString());
                    m.put("watch_start", c.watchStart().toString());
                    m.put("looks", c.looks());
                    m.put("groups_watched", c.groupsWatched());
                    m.put("groups", c.groups().stream().map(g -> {
                        Map<String, Object> x = new LinkedHashMap<>();
                        x.put("kind", g.group().kind());
                        x.put("name", g.group().name());
                        x.put("baseline_votes", g.baselineVotes());
                        x.put("baseline_rate", g.baselineRate());
                        x.put("tested_against", g.testedAgainst());
                        x.put("watch_votes", g.watchVotes());
                        x.put("watch_rate", g.watchRate());
                        x.put("log_evidence", Double.isInfinite(g.logE()) ? null : g.logE());
                        x.put("log_threshold", c.logThreshold());
                        x.put("alarmed", g.alarmed());
                        return x;
                    }).toList());
                    m.put("raised", c.raised());
                    out.println(FeedbackJson.write(m));
                    return ExitCodes.OK;
                }
                out.printf("Watch since %s: %d daily looks, %d groups with enough votes in their baseline.%n",
                        c.watchStart(), c.looks(), c.groupsWatched());
                for (AlertMonitor.GroupStatus g : c.groups()) {
                    out.printf("  %-30s baseline %5.1f%% (%d votes), since watch start %5.1f%% (%d votes)%s%n",
                            SafeText.escape(g.group().label()), 100 * g.baselineRate(), g.baselineVotes(),
                            100 * g.watchRate(), g.watchVotes(), g.alarmed() ? "  DROP" : "");
                }
                for (Map<String, Object> a : c.raised()) {
                    out.println("New alert: " + SafeText.escape(String.valueOf(a.get("summary"))));
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
            header = "Add a destination: a signed JSON webhook, a Slack incoming webhook or an e-mail address.",
            footer = {"", "A webhook gets a new signing secret, printed once (give it to the receiver: docs/alerts.md "
                + "shows how to verify), unless --secret-env names a variable holding one. Examples:",
                "  feedback alerts add ops-hook --type webhook --url https://ops.example/hooks/feedback",
                "  feedback alerts add team --type slack --url https://hooks.slack.com/services/...",
                "  SMTP_PASSWORD=... feedback alerts add oncall --type email --to oncall@example.org "
                + "--smtp-host smtp.example.org --smtp-port 587 --smtp-user alerts --secret-env SMTP_PASSWORD --starttls"})
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        final StoreOptions store = new StoreOptions();
        @Mixin(name = "store")
        final CommandSpec storeOptions = store.mixin();

        @Parameters(paramLabel = "NAME", description = "A name for lists and logs (letters, digits, . _ -).")
        String name;
        @Option(names = "--type", required = true, description = "webhook, slack or email.")
        String type;
        @Option(names = "--url", paramLabel = "URL", description = "The webhook's URL (webhook, slack).")
        String url;
        @Option(names = "--to", paramLabel = "ADDRESS", description = "The recipient (email).")
        String to;
        @Option(names = "--secret-env", paramLabel = "VAR",
                description = "An environment variable holding the webhook's signing secret or the SMTP password.")
        String secretEnv;
        @Option(names = "--smtp-host", paramLabel = "HOST", description = "SMTP server (email).")
        String smtpHost;
        @Option(names = "--smtp-port", paramLabel = "PORT", defaultValue = "25", description = "SMTP port (default ${DEFAULT-VALUE}).")
        int smtpPort;
        @Option(names = "--smtp-from", paramLabel = "ADDRESS", description = "Sender address (default feedback-loop@localhost).")
        String smtpFrom;
        @Option(names = "--smtp-user", paramLabel = "USER", description = "SMTP user (the password from --secret-env).")
        String smtpUser;
        @Option(names = "--starttls", description = "Require STARTTLS.")
        boolean starttls;

        @Override
        public Integer call() {
            Destination.Type t = Destination.Type.parse(type);
            String secret = null;
            if (secretEnv != null) {
                secret = System.getenv(secretEnv);
                if (secret == null || secret.isEmpty()) {
                    throw new InvalidInputException("--secret-env: the variable " + secretEnv + " is not set");
                }
            }
            boolean generated = false;
            if (t == Destination.Type.WEBHOOK && secret == null) {
                byte[] b = new byte[32];
                new SecureRandom().nextBytes(b);
                secret = "whsec_" + HexFormat.of().formatHex(b);
                generated = true;
            }
            Map<String, String> options = new LinkedHashMap<>();
            if (t == Destination.Type.EMAIL) {
                if (smtpHost != null) {
                    options.put("host", smtpHost);
                }
                options.put("port", String.valueOf(smtpPort));
                if (smtpFrom != null) {
                    options.put("from", smtpFrom);
                }
                if (smtpUser != null) {
                    options.put("user", smtpUser);
                }
                options.put("starttls", String.valueOf(starttls));
            }
            String target = t == Destination.Type.EMAIL ? to : url;
            if (target == null) {
                throw new InvalidInputException(t == Destination.Type.EMAIL ? "an email destination needs --to"
                        : "a " + t.id() + " destination needs --url");
            }
            try (FeedbackLoop loop = store.open()) {
                Destination d = new Destination(name, t, target, secret, options, loop.clock().instant());
                loop.alerts().addDestination(d);
                PrintWriter out = spec.commandLine().getOut();
                if (store.json) {
                    Map<String, Object> m = Alerts.toMap(d);
                    if (generated) {
                        m.put("signing_secret", secret);
                    }
                    out.println(FeedbackJson.write(m));
                } else if (generated) {
                    out.println(secret);
                    spec.commandLine().getErr().printf("destination '%s' added; its signing secret (above) is shown only "
                            + "this once: give it to the receiver%n", name);
                } else {
                    out.printf("destination '%s' (%s, %s) added%n", name, t.id(), d.shownTarget());
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, header = "Remove a destination (its pending deliveries become dead letters).")
    static final class Remove implements Callable<Integer> {
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
                loop.alerts().removeDestination(name);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(store.json ? FeedbackJson.write(Map.of("removed", name)) : "destination '" + name + "' removed");
            return ExitCodes.OK;
        }
    }

    @Command(name = "destinations", mixinStandardHelpOptions = true, header = "List destinations (never their secrets).")
    static final class Destinations implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        final StoreOptions store = new StoreOptions();
        @Mixin(name = "store")
        final CommandSpec storeOptions = store.mixin();

        @Override
        public Integer call() {
            try (FeedbackLoop loop = store.open()) {
                List<Destination> all = loop.alerts().destinations();
                PrintWriter out = spec.commandLine().getOut();
                if (store.json) {
                    out.println(FeedbackJson.write(all.stream().map(Alerts::toMap).toList()));
                    return ExitCodes.OK;
                }
                for (Destination d : all) {
                    out.printf("%-20s %-8s %s%n", d.name(), d.type().id(), d.shownTarget());
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            header = "Send a sample message to each destination now and show what each answered.",
            footer = {"", "Exit codes: 0 every destination accepted it, 1 one or more did not, 2 bad input."})
    static final class Test implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        final StoreOptions store = new StoreOptions();
        @Mixin(name = "store")
        final CommandSpec storeOptions = store.mixin();
        @Mixin
        AlertOptions alertOptions = new AlertOptions();

        @Override
        public Integer call() {
            List<Alerts.TestAnswer> answers;
            try (FeedbackLoop loop = alertOptions.open(store)) {
                if (loop.alerts().destinations().isEmpty()) {
                    throw new InvalidInputException("no destinations: add one with 'feedback alerts add'");
                }
                answers = loop.alerts().test();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (store.json) {
                out.println(FeedbackJson.write(answers.stream().map(a -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("destination", a.destination());
                    m.put("type", a.type());
                    m.put("delivered", a.delivered());
                    m.put("status", a.status());
                    m.put("error", a.error());
                    return m;
                }).toList()));
            } else {
                for (Alerts.TestAnswer a : answers) {
                    out.printf("%-20s %-8s %s%s%n", a.destination(), a.type(), a.delivered() ? "delivered" : "FAILED",
                            (a.status() != null ? " (" + a.status() + ")" : "")
                                    + (a.error() != null && !a.delivered() ? ": " + SafeText.escape(a.error()) : ""));
                }
            }
            return answers.stream().allMatch(Alerts.TestAnswer::delivered) ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }
}
