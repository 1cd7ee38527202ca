package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.alerts.Alerts;
import dev.feedbackloop.alerts.Reviews;
import dev.feedbackloop.reporting.ReportPeriod;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "review", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Run the weekly or monthly review once (for your own cron).",
        description = {"What 'feedback serve' does on its schedule: the report of the last whole calendar week (Monday "
            + "to Monday) or month, stored in the reports table, suggestions attached, the HTML report kept in the "
            + "reports folder, and with --deliver sent to every destination (feedback alerts add) through the outbox, "
            + "retried later by 'feedback serve' or the next run if a destination fails."},
        footer = {"", "Exit codes: 0 success, 1 runtime failure, 2 bad input."})
final class ReviewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    final StoreOptions store = new StoreOptions();
    @Mixin(name = "store")
    final CommandSpec storeOptions = store.mixin();
    @Mixin
    AlertOptions alertOptions = new AlertOptions();

    @Option(names = "--period", required = true, paramLabel = "weekly|monthly", description = "Which review.")
    String period;

    @Option(names = "--deliver", description = "Send it to every destination.")
    boolean deliver;

    @Override
    public Integer call() {
        ReportPeriod.Kind kind = ReportPeriod.Kind.parse(period);
        try (FeedbackLoop loop = alertOptions.open(store)) {
            Reviews.Review r = loop.alerts().review(kind, deliver);
            PrintWriter out = spec.commandLine().getOut();
            java.util.List<Map<String, Object>> deliveries = deliver ? loop.alerts().deliveries(200).stream()
                    .filter(d -> d.eventKey().equals(r.eventKey())).map(Alerts::toMap).toList() : java.util.List.of();
            if (store.json) {
                Map<String, Object> m = new LinkedHashMap<>(r.event());
                m.put("deliveries", deliveries);
                out.println(FeedbackJson.write(m));
                return ExitCodes.OK;
            }
            out.println(r.event().get("title"));
            for (Object line : (java.util.List<?>) r.event().get("lines")) {
                out.println("  " + SafeText.escape(String.valueOf(line)));
            }
            out.println("HTML report: " + r.html());
            for (Map<String, Object> d : deliveries) {
                out.printf("delivery to %s: %s%s%n", d.get("destination"), d.get("state"),
                        d.get("last_error") != null ? " (" + d.get("last_error") + ")" : "");
            }
        }
        return ExitCodes.OK;
    }
}
