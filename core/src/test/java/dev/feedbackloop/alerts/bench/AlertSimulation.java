package dev.feedbackloop.alerts.bench;

import dev.feedbackloop.alerts.DropDetector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The calibration simulation of docs/alerts.md: groups with daily binomial votes, a baseline of the
 * days before the horizon, daily looks over the horizon, with or without a drop in one group.
 * Compares the anytime-valid detector ({@link DropDetector}) with the specification's rule
 * ("success rate declined by more than 10%": the last 7 days against the 7 before, relative change
 * below -10%, looked at every day). Deterministic for a seed. Run by bench/alerts/run.sh.
 */
public final class AlertSimulation {

    /** One simulated setting. {@code dropDay} < 0: no change anywhere. */
    public record Scenario(int groups, int votesPerDay, int baselineDays, int horizonDays, double alpha,
            double dropPoints, int dropDay, boolean fixedBaseline) {
    }

    /** What happened in one run: first alarm day of each method (-1: none), false alarms counted apart. */
    public record Run(int detectorFirst, boolean detectorFalse, int ruleFirst, boolean ruleFalse) {
    }

    private final Scenario s;

    public AlertSimulation(Scenario s) {
        this.s = s;
    }

    /** One run. Group 0 carries the drop (if any); rates are drawn in [0.5, 0.85]. */
    public Run run(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        DropDetector detector = new DropDetector(s.horizonDays(), s.groups(), s.alpha(), 0.2);
        int detFirst = -1;
        boolean detFalse = false;
        int ruleFirst = -1;
        boolean ruleFalse = false;
        for (int g = 0; g < s.groups(); g++) {
            double p = 0.5 + 0.35 * rnd.nextDouble();
            long[] base = new long[s.baselineDays()];
            long baseX = 0;
            for (int d = 0; d < base.length; d++) {
                base[d] = binomial(rnd, s.votesPerDay(), p);
                baseX += base[d];
            }
            long[] x = new long[s.horizonDays()];
            long[] n = new long[s.horizonDays()];
            for (int d = 0; d < x.length; d++) {
                double rate = g == 0 && s.dropDay() >= 0 && d >= s.dropDay() ? p - s.dropPoints() / 100 : p;
                n[d] = s.votesPerDay();
                x[d] = binomial(rnd, s.votesPerDay(), rate);
            }
            double p0 = s.fixedBaseline() ? p : detector.baselineBound(baseX, (long) s.votesPerDay() * base.length);
            DropDetector.Detection det = detector.run(p0, x, n);
            int rule = specRule(base, x, s.votesPerDay());
            boolean changed = g == 0 && s.dropDay() >= 0;
            if (det.alarmed()) {
                if (!changed || det.alarmDay() < s.dropDay()) {
                    detFalse = true;
                } else {
                    detFirst = det.alarmDay();
                }
            }
            if (rule >= 0) {
                if (!changed || rule < s.dropDay()) {
                    ruleFalse = true;
                    // the rule may fire again after the drop: look for its first alarm at or after it
                    int after = changed ? specRuleFrom(base, x, s.votesPerDay(), s.dropDay()) : -1;
                    if (after >= 0) {
                        ruleFirst = after;
                    }
                } else {
                    ruleFirst = rule;
                }
            }
        }
        return new Run(detFirst, detFalse, ruleFirst, ruleFalse);
    }

    /** First day the specification's rule fires, looking every day; -1 when never. */
    static int specRule(long[] base, long[] x, int perDay) {
        return specRuleFrom(base, x, perDay, 0);
    }

    static int specRuleFrom(long[] base, long[] x, int perDay, int from) {
        long[] all = new long[base.length + x.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(x, 0, all, base.length, x.length);
        for (int d = from; d < x.length; d++) {
            int end = base.length + d + 1;
            if (end < 14) {
                continue;
            }
            double now = sum(all, end - 7, end) / (7.0 * perDay);
            double prev = sum(all, end - 14, end - 7) / (7.0 * perDay);
            if (prev > 0 && (now - prev) / prev * 100 < -10) {
                return d;
            }
        }
        return -1;
    }

    private static long sum(long[] a, int from, int to) {
        long s = 0;
        for (int i = from; i < to; i++) {
            s += a[i];
        }
        return s;
    }

    /** Binomial(n, p) by inversion from 0 (n is small here). */
    static long binomial(SplittableRandom rnd, int n, double p) {
        if (p > 0.5) {
            return n - binomial(rnd, n, 1 - p);
        }
        double q = 1 - p;
        double r = p / q;
        double pmf = Math.pow(q, n);
        double u = rnd.nextDouble();
        long k = 0;
        double cdf = pmf;
        while (u > cdf && k < n) {
            pmf *= r * (n - k) / (k + 1);
            k++;
            cdf += pmf;
        }
        return k;
    }

    /** Summary over many seeds. */
    public record Summary(Scenario scenario, int runs, double detectorFalseAlarm, double detectorWithin7,
            double detectorMedianDelay, double detectorDetected, double ruleFalseAlarm, double ruleWithin7,
            double ruleMedianDelay, double ruleDetected) {

        public String toMarkdownRow(String name) {
            return String.format(Locale.ROOT, "| %s | %d | %.1f%% | %s | %s | %.1f%% | %s | %s |", name, runs,
                    100 * detectorFalseAlarm, pct(detectorWithin7), days(detectorMedianDelay),
                    100 * ruleFalseAlarm, pct(ruleWithin7), days(ruleMedianDelay));
        }

        private static String pct(double v) {
            return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
        }

        private static String days(double v) {
            return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
        }
    }

    /**
     * Runs seeds {@code first .. first + runs - 1}. Delays are counted in days from the first day of
     * the drop to the look that fires (a drop detected at the end of its first day has delay 1);
     * a run without detection counts as a delay of infinity for the median.
     */
    public Summary summarize(long first, int runs) {
        int detFalse = 0;
        int ruleFalse = 0;
        List<Double> detDelays = new ArrayList<>();
        List<Double> ruleDelays = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Run r = run(first + i);
            detFalse += r.detectorFalse() ? 1 : 0;
            ruleFalse += r.ruleFalse() ? 1 : 0;
            if (s.dropDay() >= 0) {
                detDelays.add(r.detectorFirst() < 0 ? Double.POSITIVE_INFINITY : r.detectorFirst() - s.dropDay() + 1.0);
                ruleDelays.add(r.ruleFirst() < 0 ? Double.POSITIVE_INFINITY : r.ruleFirst() - s.dropDay() + 1.0);
            }
        }
        return new Summary(s, runs, detFalse / (double) runs, within(detDelays, 7), median(detDelays),
                detected(detDelays), ruleFalse / (double) runs, within(ruleDelays, 7),
                median(ruleDelays), detected(ruleDelays));
    }

    private static double within(List<Double> delays, double days) {
        if (delays.isEmpty()) {
            return Double.NaN;
        }
        return delays.stream().filter(d -> d <= days).count() / (double) delays.size();
    }

    private static double detected(List<Double> delays) {
        return delays.isEmpty() ? Double.NaN
                : delays.stream().filter(d -> !d.isInfinite()).count() / (double) delays.size();
    }

    private static double median(List<Double> delays) {
        if (delays.isEmpty()) {
            return Double.NaN;
        }
        double[] a = delays.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a[a.length / 2];
    }

    /** {@code --runs N --seed S}: prints the table of docs/alerts.md. */
    public static void main(String[] args) {
        int runs = 2000;
        long seed = 42;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.println("| scenario | runs | detector: P(any false alarm) | detected within 7 days | median delay (days) "
                + "| spec rule: P(any false alarm) | detected within 7 days | median delay (days) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        report("no change, 30 groups x 200 votes/day, 90 looks, baseline = 56 days before", new Scenario(30, 200, 56, 90, 0.05, 0, -1, false), seed, runs);
        report("no change, same, fixed baseline rate", new Scenario(30, 200, 56, 90, 0.05, 0, -1, true), seed, runs);
        report("no change, 30 groups x 50 votes/day", new Scenario(30, 50, 56, 90, 0.05, 0, -1, false), seed, runs);
        report("10-point drop in 1 of 30 groups (200/day) from look 1", new Scenario(30, 200, 56, 90, 0.05, 10, 0, false), seed, runs);
        report("10-point drop in 1 of 30 groups (200/day) from look 40", new Scenario(30, 200, 56, 90, 0.05, 10, 39, false), seed, runs);
        report("10-point drop from look 40, fixed baseline rate", new Scenario(30, 200, 56, 90, 0.05, 10, 39, true), seed, runs);
        report("5-point drop from look 40", new Scenario(30, 200, 56, 90, 0.05, 5, 39, false), seed, runs);
    }

    private static void report(String name, Scenario s, long seed, int runs) {
        long t0 = System.nanoTime();
        Summary sum = new AlertSimulation(s).summarize(seed, runs);
        System.out.println(sum.toMarkdownRow(name));
        System.err.printf(Locale.ROOT, "  (%s: %.1f s; missed by detector %.1f%%, by rule %.1f%%)%n", name,
                (System.nanoTime() - t0) / 1e9, 100 * (1 - sum.detectorDetected()), 100 * (1 - sum.ruleDetected()));
    }
}
