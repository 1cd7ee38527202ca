package dev.feedbackloop.cli;

import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.routing.RouteOptions;
import dev.feedbackloop.routing.RouterMode;
import dev.feedbackloop.routing.RoutingDecision;
import dev.feedbackloop.routing.RoutingRules;
import dev.feedbackloop.routing.RuleRouter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The task and the routing options shared by {@code route} and {@code enhance}. */
final class RouterOptions {
    @Parameters(paramLabel = "TASK", arity = "1..*", description = "The task to route (words are joined with spaces).")
    String[] task;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (default: learning for task types with feedback, static otherwise), learning,"
                    + " baseline (the specification's confidence nudge) or static (rules only).")
    RouterMode mode;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for learning's random draws (same seed, same data: same decision).")
    Long seed;

    @Option(names = "--explain", description = "Show the numbers behind the decision (in --json: an explanation object).")
    boolean explain;

    @Option(names = "--rules", paramLabel = "FILE", description = "Routing rules JSON to use instead of the bundled ones.")
    Path rules;

    @Option(names = "--half-life-days", paramLabel = "DAYS",
            description = "Half-life of feedback weight in learning (default: the rules', 30).")
    Double halfLifeDays;

    /** The joined task text. @throws InvalidInputException when it is blank */
    private String taskText() {
        String text = String.join(" ", task == null ? new String[0] : task).strip();
        if (text.isEmpty()) {
            throw new InvalidInputException("TASK is required and must not be empty");
        }
        return text;
    }

    private RoutingRules loadRules() {
        RoutingRules r = rules == null ? RoutingRules.defaults() : RoutingRules.load(rules);
        if (halfLifeDays != null) {
            if (!(halfLifeDays > 0) || halfLifeDays.isInfinite()) {
                throw new InvalidInputException("--half-life-days must be a positive number of days, got " + halfLifeDays);
            }
            r = r.withLearning(r.learning().withHalfLifeDays(halfLifeDays));
        }
        return r;
    }

    /** A decided route with the task and rules it came from. */
    record Routed(String task, RoutingRules rules, RoutingDecision decision) {
    }

    /** Reads the task and rules from the options and decides (see {@link #decide}). */
    Routed route(StoreOptions store) {
        String text = taskText();
        RoutingRules r = loadRules();
        return new Routed(text, r, decide(text, r, store));
    }

    /**
     * Decides the route. Static mode, and auto mode without a database file (a server database always exists), use the rules alone and
     * create no file; other modes open (and if needed create) the database.
     */
    private RoutingDecision decide(String taskText, RoutingRules r, StoreOptions store) {
        if (mode == RouterMode.STATIC || (mode == RouterMode.AUTO && !dev.feedbackloop.storage.StoreLocations.isUrl(store.location())
                && !Files.exists(store.db()))) {
            return new RuleRouter(r).route(taskText);
        }
        try (FeedbackLoop loop = store.open(FeedbackLoop.builder(store.location()).routingRules(r))) {
            return loop.router().route(taskText, new RouteOptions(mode, seed));
        }
    }
}
