package dev.feedbackloop.routing.bench;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.routing.PromptRouter;
import dev.feedbackloop.routing.RouteOptions;
import dev.feedbackloop.routing.RouterMode;
import dev.feedbackloop.routing.RoutingDecision;
import dev.feedbackloop.routing.RoutingRules;
import dev.feedbackloop.routing.RuleRouter;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Proof that the router learns. Each round: draw a task of a random type, let every policy choose a
 * framework, draw the outcome from the hidden success probability (one uniform number per round
 * shared by all policies: common random numbers), and capture it through a real SQLite store for
 * the policies that read feedback (baseline, ours). Policies: oracle (best framework per type),
 * static rules, the specification's confidence-nudge baseline, ours (learning, AUTO mode).
 *
 * <p>Usage: RouterSimulation [--rounds 5000] [--repeats 10] [--seed 42] [--per-day 100] [--out DIR]
 */
public final class RouterSimulation {
    static final String[] POLICIES = {"oracle", "static", "baseline", "ours"};
    static final int LAST = 1000;

    private RouterSimulation() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Args.parse(args);
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "5000"));
        int repeats = Integer.parseInt(a.getOrDefault("repeats", "10"));
        long seed = Long.parseLong(a.getOrDefault("seed", "42"));
        int perDay = Integer.parseInt(a.getOrDefault("per-day", "100"));
        Path out = Path.of(a.getOrDefault("out", "bench/results/router"));
        Files.createDirectories(out);
        java.util.logging.LogManager.getLogManager().reset();
        checkClassification();

        List<Run> runs = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            long runSeed = seed + r;
            long t0 = System.nanoTime();
            Run run = simulate(rounds, runSeed, perDay, out);
            runs.add(run);
            System.err.printf("run %d/%d (seed %d): %.1f s; last %d: ours %.3f, oracle %.3f%n", r + 1, repeats, runSeed,
                    (System.nanoTime() - t0) / 1e9, LAST, run.lastRate("ours"), run.lastRate("oracle"));
        }
        Map<String, Object> results = SimulationReport.results(rounds, repeats, seed, perDay, runs);
        Files.writeString(out.resolve("simulation.json"), Json.write(results) + "\n");
        RegretCharts.write(runs, out.resolve("regret.png"), out.resolve("success.png"));
        String summary = SimulationReport.markdown(results);
        Files.writeString(out.resolve("simulation.md"), summary);
        System.out.print(summary);
    }

    /** The result of one run: per policy and round, the success drawn and the expected success. */
    record Run(long seed, Map<String, boolean[]> success, Map<String, double[]> expected,
               Map<String, Map<String, Map<String, Integer>>> lastChoices) {
        double rate(String policy, int from, int to) {
            boolean[] s = success.get(policy);
            int n = 0;
            for (int i = from; i < to; i++) {
                n += s[i] ? 1 : 0;
            }
            return (double) n / (to - from);
        }

        double lastRate(String policy) {
            int rounds = success.get(policy).length;
            return rate(policy, Math.max(0, rounds - LAST), rounds);
        }
    }

    static Run simulate(int rounds, long seed, int perDay, Path dir) throws Exception {
        Random world = new Random(seed);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Duration step = Duration.ofSeconds(86_400 / perDay);
        RoutingRules rules = RoutingRules.defaults();
        RuleRouter staticRouter = new RuleRouter(rules);
        Path baselineDb = dir.resolve("sim-baseline-" + seed + ".db");
        Path oursDb = dir.resolve("sim-ours-" + seed + ".db");
        deleteDb(baselineDb);
        deleteDb(oursDb);
        SimClock clock = new SimClock(start);
        Map<String, boolean[]> success = new LinkedHashMap<>();
        Map<String, double[]> expected = new LinkedHashMap<>();
        Map<String, Map<String, Map<String, Integer>>> lastChoices = new LinkedHashMap<>();
        for (String p : POLICIES) {
            success.put(p, new boolean[rounds]);
            expected.put(p, new double[rounds]);
            lastChoices.put(p, new LinkedHashMap<>());
        }
        try (FeedbackStore baselineStore = SqliteFeedbackStore.open(baselineDb);
             FeedbackStore oursStore = SqliteFeedbackStore.open(oursDb)) {
            PromptRouter baseline = new PromptRouter(rules, baselineStore, clock);
            PromptRouter ours = new PromptRouter(rules, oursStore, clock);
            for (int t = 0; t < rounds; t++) {
                Instant now = start.plus(step.multipliedBy(t));
                clock.set(now);
                SimulatedWorld.TaskType type = SimulatedWorld.TYPES.get(world.nextInt(SimulatedWorld.TYPES.size()));
                String text = type.texts().get(world.nextInt(type.texts().size()));
                double u = world.nextDouble();
                Map<String, String> chosen = new LinkedHashMap<>();
                chosen.put("oracle", type.best());
                chosen.put("static", staticRouter.route(text).primaryFramework());
                RoutingDecision b = baseline.route(text, RouteOptions.of(RouterMode.BASELINE));
                chosen.put("baseline", b.primaryFramework());
                RoutingDecision o = ours.route(text, new RouteOptions(RouterMode.AUTO, seed * 1_000_003L + t));
                chosen.put("ours", o.primaryFramework());
                for (String p : POLICIES) {
                    double prob = type.p(chosen.get(p));
                    success.get(p)[t] = u < prob;
                    expected.get(p)[t] = prob;
                    if (t >= rounds - LAST) {
                        lastChoices.get(p).computeIfAbsent(type.name(), k -> new LinkedHashMap<>())
                                .merge(chosen.get(p), 1, Integer::sum);
                    }
                }
                baselineStore.insert(feedback(text, b, success.get("baseline")[t], world, now));
                oursStore.insert(feedback(text, o, success.get("ours")[t], world, now));
            }
        }
        deleteDb(baselineDb);
        deleteDb(oursDb);
        return new Run(seed, success, expected, lastChoices);
    }

    /** A capture as a user would give it: rating 4-5 with thumbs up on success, 1-3 otherwise. */
    static FeedbackEntry feedback(String task, RoutingDecision d, boolean positive, Random r, Instant at) {
        int rating = positive ? 4 + r.nextInt(2) : 1 + r.nextInt(3);
        boolean thumbs = positive || (rating == 3 && r.nextBoolean());
        return FeedbackEntry.builder(task, "simulated answer", rating).thumbsUp(thumbs).timestamp(at)
                .routing(d.toContext()).build();
    }

    private static void checkClassification() {
        RuleRouter rules = new RuleRouter(RoutingRules.defaults());
        for (SimulatedWorld.TaskType type : SimulatedWorld.TYPES) {
            for (String text : type.texts()) {
                RoutingDecision d = rules.route(text);
                if (!d.taskType().equals(type.name())) {
                    throw new IllegalStateException("'" + text + "' is classified " + d.taskType() + ", not " + type.name());
                }
                if (!d.candidates().containsAll(type.success().keySet())) {
                    throw new IllegalStateException(type.name() + ": hidden frameworks " + type.success().keySet()
                            + " differ from the rules' candidates " + d.candidates());
                }
            }
        }
    }

    static void deleteDb(Path db) throws java.io.IOException {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(db + suffix));
        }
    }
}
