package dev.feedbackloop.routing.bench;

import dev.feedbackloop.routing.RoutingRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Figures of the simulation: JSON results and a Markdown summary. */
final class SimulationReport {
    private SimulationReport() {
    }

    static Map<String, Object> results(int rounds, int repeats, long seed, int perDay, List<RouterSimulation.Run> runs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rounds", rounds);
        m.put("repeats", repeats);
        m.put("first_seed", seed);
        m.put("rounds_per_day", perDay);
        m.put("half_life_days", RoutingRules.defaults().learning().halfLifeDays());
        m.put("last_window", RouterSimulation.LAST);
        m.put("hidden_success_probabilities", SimulatedWorld.describe());
        Map<String, Object> policies = new LinkedHashMap<>();
        for (String p : RouterSimulation.POLICIES) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("success_rate", stats(runs, r -> r.rate(p, 0, rounds)));
            s.put("success_rate_last", stats(runs, r -> r.lastRate(p)));
            s.put("expected_success_rate", stats(runs, r -> mean(r.expected().get(p), 0, rounds)));
            s.put("expected_success_rate_last", stats(runs, r -> mean(r.expected().get(p), Math.max(0, rounds - RouterSimulation.LAST),
                    rounds)));
            s.put("successes_first_run", (long) Math.round(runs.get(0).rate(p, 0, rounds) * rounds));
            policies.put(p, s);
        }
        m.put("policies", policies);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("ours_over_oracle_last", stats(runs, r -> r.lastRate("ours") / r.lastRate("oracle")));
        claims.put("ours_minus_static_whole_run", stats(runs, r -> r.rate("ours", 0, rounds) - r.rate("static", 0, rounds)));
        claims.put("baseline_minus_static_whole_run", stats(runs,
                r -> r.rate("baseline", 0, rounds) - r.rate("static", 0, rounds)));
        m.put("claims", claims);
        m.put("ours_choices_last_first_run", runs.get(0).lastChoices().get("ours"));
        return m;
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> r) {
        StringBuilder b = new StringBuilder();
        int rounds = (Integer) r.get("rounds");
        int last = (Integer) r.get("last_window");
        b.append(String.format(Locale.ROOT, "Router simulation: %,d rounds x %d runs (seeds from %d), %d rounds per"
                + " simulated day, half-life %s days%n%n", rounds, r.get("repeats"), r.get("first_seed"),
                r.get("rounds_per_day"), r.get("half_life_days")));
        b.append(String.format(Locale.ROOT, "| policy | success, all %,d rounds | success, last %,d | expected success,"
                + " last %,d |%n|---|---|---|---|%n", rounds, last, last));
        Map<String, Object> policies = (Map<String, Object>) r.get("policies");
        policies.forEach((name, v) -> {
            Map<String, Object> s = (Map<String, Object>) v;
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", name, pct(s.get("success_rate")),
                    pct(s.get("success_rate_last")), pct(s.get("expected_success_rate_last"))));
        });
        Map<String, Object> claims = (Map<String, Object>) r.get("claims");
        Map<String, Object> ratio = (Map<String, Object>) claims.get("ours_over_oracle_last");
        Map<String, Object> lift = (Map<String, Object>) claims.get("ours_minus_static_whole_run");
        Map<String, Object> nudge = (Map<String, Object>) claims.get("baseline_minus_static_whole_run");
        b.append(String.format(Locale.ROOT, "%nOurs / oracle, last %,d rounds: mean %.1f%%, worst run %.1f%% (target >= 95%%)%n",
                last, 100 * (Double) ratio.get("mean"), 100 * (Double) ratio.get("min")));
        b.append(String.format(Locale.ROOT, "Ours - static, whole run: mean %+.1f points, worst run %+.1f points%n",
                100 * (Double) lift.get("mean"), 100 * (Double) lift.get("min")));
        b.append(String.format(Locale.ROOT, "Baseline - static, whole run: mean %+.1f points (the nudge never changes"
                + " the decision)%n", 100 * (Double) nudge.get("mean")));
        b.append(String.format(Locale.ROOT, "%nOurs, last %,d rounds of the first run, share of each framework per task"
                + " type (* = best, r = rule default):%n", last));
        Map<String, Object> choices = (Map<String, Object>) r.get("ours_choices_last_first_run");
        Map<String, Object> hidden = (Map<String, Object>) r.get("hidden_success_probabilities");
        RoutingRules rules = RoutingRules.defaults();
        choices.forEach((type, v) -> {
            Map<String, Integer> counts = (Map<String, Integer>) v;
            Map<String, Double> p = (Map<String, Double>) hidden.get(type);
            String best = p.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            String def = rules.taskType(type).orElseThrow().defaultFramework();
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            List<String> parts = new ArrayList<>();
            p.keySet().forEach(f -> parts.add(String.format(Locale.ROOT, "%s%s%s %.0f%%", f, f.equals(best) ? "*" : "",
                    f.equals(def) ? "(r)" : "", 100.0 * counts.getOrDefault(f, 0) / total)));
            b.append(String.format(Locale.ROOT, "  %-11s %s%n", type, String.join(", ", parts)));
        });
        return b.toString();
    }

    private static String pct(Object stats) {
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) stats;
        return String.format(Locale.ROOT, "%.1f%% (%.1f-%.1f)", 100 * (Double) s.get("mean"), 100 * (Double) s.get("min"),
                100 * (Double) s.get("max"));
    }

    private static Map<String, Object> stats(List<RouterSimulation.Run> runs, ToDoubleFunction<RouterSimulation.Run> f) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (RouterSimulation.Run r : runs) {
            double v = f.applyAsDouble(r);
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", sum / runs.size());
        m.put("min", min);
        m.put("max", max);
        return m;
    }

    static double mean(double[] values, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += values[i];
        }
        return s / (to - from);
    }
}
