package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.storage.FeedbackStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The tour: the real commands, run one after the other on the default database, so what the demo
 * prints is exactly what a user will see. Sample data is added only while the database holds little
 * recent feedback, so running it on a database in real use does not mix samples into it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Try it all: sample data, then analyze, report, suggest, route.",
        description = {"Initialises the database if needed, adds sample feedback, then runs analyze, report, suggest "
            + "and route. Sample data is added only when the last 30 days hold fewer than --count entries."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    final StoreOptions store = new StoreOptions();
    @Mixin(name = "store")
    final CommandSpec storeOptions = store.mixin();

    @Option(names = "--count", defaultValue = "3000", description = "Sample entries to add (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the sample data (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // with --json, stdout carries only the steps' JSON documents (one per step); the narration goes to stderr
        PrintWriter say = store.json ? err : out;
        // a server URL goes to the steps as given (Path.of would turn '://' into ':/', naming a SQLite file)
        boolean server = dev.feedbackloop.storage.StoreLocations.isUrl(store.location());
        String db = server ? store.location() : store.db().toString();
        String shown = server ? dev.feedbackloop.storage.StoreLocations.redact(db) : db;
        long recent;
        try (FeedbackLoop loop = store.open()) {
            FeedbackStore s = loop.database();
            Instant now = StoreOptions.CLOCK.instant();
            recent = s.statistics(now.minus(30, ChronoUnit.DAYS), null).total();
        }
        List<String[]> steps = new ArrayList<>();
        if (recent < count) {
            steps.add(new String[] {"generate", "--count", Integer.toString(count), "--days", "30",
                "--seed", Long.toString(seed)});
        } else {
            say.printf("%s already holds %d entries from the last 30 days: using them, adding no samples.%n", shown, recent);
        }
        Path html = (server ? Path.of("reports").toAbsolutePath() : store.db().toAbsolutePath().getParent().resolve("reports"))
                .resolve("weekly-demo.html");
        steps.add(new String[] {"stats"});
        steps.add(new String[] {"analyze", "--days", "30"});
        steps.add(new String[] {"report", "--period", "weekly"});
        steps.add(new String[] {"report", "--period", "weekly", "--output", html.toString(), "--format", "html"});
        steps.add(new String[] {"suggest", "--days", "30", "--limit", "3"});
        steps.add(new String[] {"route", "Calculate the derivative of x^2", "--explain"});
        for (String[] step : steps) {
            String[] args = withDb(step, db, store.json);
            say.printf("%n$ feedback %s%n", String.join(" ", quoted(step)));
            say.flush();
            int code = Main.run(args, out, err);
            if (code != ExitCodes.OK) {
                err.printf("demo: step '%s' failed with exit code %d%n", step[0], code);
                return code;
            }
        }
        say.printf("%nThe weekly report with charts: %s%n", html);
        say.println("""

                What to try next:
                  ./feedback --capture --prompt "..." --output "..." --rating 5 --thumbs-up --tags a,b
                  ./feedback --list --min-rating 4 --limit 5
                  ./feedback --analyze --days 7 --min-samples 10 --json
                  ./feedback --report --period monthly --output monthly_report.md
                  ./feedback --suggest --framework chain-of-thought --limit 5      (set ANTHROPIC_API_KEY for Claude)
                  ./feedback --route "Plan a product launch" --json
                  ./feedback --export feedback.csv      ./feedback --import feedback.jsonl
                  ./feedback --help""");
        return ExitCodes.OK;
    }

    private static String[] withDb(String[] step, String db, boolean json) {
        List<String> args = new ArrayList<>(List.of(step));
        args.add("--db");
        args.add(db);
        if (json) {
            args.add("--json");
        }
        return args.toArray(new String[0]);
    }

    private static List<String> quoted(String[] step) {
        List<String> out = new ArrayList<>();
        for (String s : step) {
            out.add(s.contains(" ") ? "\"" + s + "\"" : s);
        }
        return out;
    }
}
