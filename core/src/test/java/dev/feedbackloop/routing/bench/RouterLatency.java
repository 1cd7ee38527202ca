package dev.feedbackloop.routing.bench;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.routing.PromptRouter;
import dev.feedbackloop.routing.RouteOptions;
import dev.feedbackloop.routing.RouterMode;
import dev.feedbackloop.routing.RoutingDecision;
import dev.feedbackloop.routing.RoutingRules;
import dev.feedbackloop.routing.TaskTypeRule;
import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Decision latency with many stored entries: the first decision (reads every attributed outcome),
 * then decisions with nothing new, then decisions right after a new capture (the incremental
 * path). A timing loop with warm-up, System.nanoTime per decision; medians and tails reported.
 *
 * <p>Usage: RouterLatency [--entries 1000000] [--decisions 2000] [--out DIR]. The database
 * ({@code DIR/latency-N.db}) is kept and reused when it already holds N entries.
 */
public final class RouterLatency {
    private static final List<String> TASKS = List.of("Calculate the derivative of x^2",
            "Write a Python function that merges two sorted lists", "Convert this CSV into a markdown table",
            "Extract all email addresses from this text", "Plan a product launch for next quarter",
            "Should I use PostgreSQL or MySQL for my startup?", "Research the current state of solid-state batteries",
            "Write a blog post about remote work", "Explain how neural networks learn", "What is the capital of France?");

    private RouterLatency() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Args.parse(args);
        int entries = Integer.parseInt(a.getOrDefault("entries", "1000000"));
        int decisions = Integer.parseInt(a.getOrDefault("decisions", "2000"));
        Path out = Path.of(a.getOrDefault("out", "bench/results/router"));
        Files.createDirectories(out);
        java.util.logging.LogManager.getLogManager().reset();
        Path db = out.resolve("latency-" + entries + ".db");
        RoutingRules rules = RoutingRules.defaults();
        Map<String, Object> result = new LinkedHashMap<>();
        try (FeedbackStore store = SqliteFeedbackStore.open(db)) {
            if (store.count() < entries) {
                store.close();
                RouterSimulation.deleteDb(db);
                try (FeedbackStore fresh = SqliteFeedbackStore.open(db)) {
                    long t0 = System.nanoTime();
                    generate(fresh, rules, entries);
                    result.put("generate_seconds", (System.nanoTime() - t0) / 1e9);
                }
            }
        }
        try (FeedbackStore store = SqliteFeedbackStore.open(db)) {
            result.put("entries", store.count());
            PromptRouter router = new PromptRouter(rules, store, Clock.systemUTC());
            Random r = new Random(7);
            long t0 = System.nanoTime();
            RoutingDecision first = router.route(TASKS.get(0), new RouteOptions(RouterMode.AUTO, 1L));
            result.put("first_decision_ms", (System.nanoTime() - t0) / 1e6);
            result.put("attributed_rows_loaded", router.ledger().rows());
            result.put("first_decision_mode", first.mode().label());
            for (int i = 0; i < 300; i++) {
                router.route(TASKS.get(r.nextInt(TASKS.size())), new RouteOptions(RouterMode.AUTO, (long) i));
            }
            result.put("learning_no_new_feedback", time(decisions, i -> router.route(TASKS.get(i % TASKS.size()),
                    new RouteOptions(RouterMode.AUTO, (long) i))));
            int rounds = Math.min(decisions, 500);
            double[] afterCapture = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                store.insert(entry(rules, r, Instant.now()));
                long s = System.nanoTime();
                router.route(TASKS.get(i % TASKS.size()), new RouteOptions(RouterMode.AUTO, (long) i));
                afterCapture[i] = (System.nanoTime() - s) / 1e6;
            }
            result.put("learning_after_each_new_capture", summary(afterCapture));
            result.put("baseline_no_new_feedback", time(decisions, i -> router.route(TASKS.get(i % TASKS.size()),
                    RouteOptions.of(RouterMode.BASELINE))));
            result.put("static", time(decisions, i -> router.route(TASKS.get(i % TASKS.size()),
                    RouteOptions.of(RouterMode.STATIC))));
            result.put("attributed_rows_at_end", router.ledger().rows());
        }
        result.put("java", System.getProperty("java.version"));
        result.put("cores", Runtime.getRuntime().availableProcessors());
        Path loadavg = Path.of("/proc/loadavg");
        if (Files.isReadable(loadavg)) {
            result.put("load_average_at_end", Files.readString(loadavg).strip());
        }
        String json = Json.write(result);
        Files.writeString(out.resolve("latency.json"), json + "\n");
        System.out.println(json);
    }

    private static Map<String, Object> time(int n, java.util.function.IntConsumer decision) {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            decision.accept(i);
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        return summary(ms);
    }

    private static Map<String, Object> summary(double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("decisions", sorted.length);
        m.put("median_ms", round(sorted[sorted.length / 2]));
        m.put("p90_ms", round(sorted[(int) (sorted.length * 0.9)]));
        m.put("p99_ms", round(sorted[(int) (sorted.length * 0.99)]));
        m.put("max_ms", round(sorted[sorted.length - 1]));
        return m;
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }

    /** Entries over the last 60 days: 90% attributed (85% to a rule candidate, 5% to a framework only users know). */
    private static void generate(FeedbackStore store, RoutingRules rules, int n) {
        Random r = new Random(42);
        Instant end = Instant.now();
        Instant start = end.minus(Duration.ofDays(60));
        long span = Duration.between(start, end).toMillis();
        int batch = 50_000;
        for (int done = 0; done < n; done += batch) {
            try (BatchWriter w = store.openBatch()) {
                for (int i = done; i < Math.min(n, done + batch); i++) {
                    Instant at = start.plusMillis(span * i / n);
                    w.add(r.nextInt(10) == 0 ? FeedbackEntry.builder("unattributed prompt " + i, "output", 1 + r.nextInt(5))
                            .timestamp(at).build() : entry(rules, r, at));
                }
                w.commit();
            }
            System.err.printf(Locale.ROOT, "\rgenerating: %,d / %,d", Math.min(n, done + batch), n);
        }
        System.err.println();
    }

    private static FeedbackEntry entry(RoutingRules rules, Random r, Instant at) {
        List<TaskTypeRule> types = rules.taskTypes();
        TaskTypeRule type = types.get(r.nextInt(types.size()));
        List<String> candidates = new ArrayList<>(type.candidates());
        String framework = r.nextInt(20) == 0 ? "house-style-" + r.nextInt(3) : candidates.get(r.nextInt(candidates.size()));
        int rating = 1 + r.nextInt(5);
        Map<String, Object> routing = new LinkedHashMap<>();
        routing.put("task_type", type.name());
        routing.put("primary_framework", framework);
        routing.put("model_recommendation", type.model());
        routing.put("confidence", 0.8);
        return FeedbackEntry.builder("A " + type.name() + " task, variant " + r.nextInt(1000), "An output", rating)
                .timestamp(at).routing(routing).build();
    }
}
