package dev.feedbackloop.alerts;

import java.util.Arrays;
import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * Anytime-valid detection of a drop in one group's success rate against a baseline rate, from daily
 * counts (see docs/alerts.md). Pure computation; immutable and thread-safe.
 *
 * <p>For a hypothesised rate {@code p0} and an alternative {@code q < p0}, one vote {@code X} multiplies
 * a bettor's wealth by {@code 1 - lambda (X - p0)} with {@code lambda = (p0 - q) / (p0 (1 - p0))}: the
 * likelihood ratio of {@code q} to {@code p0}, whose expectation is at most 1 whenever the true rate is
 * at least {@code p0}. The detector mixes these bets over a grid of drops and, to catch a drop that
 * starts on any day, sums the wealth of bets started on each day (a Shiryaev-Roberts e-detector):
 * {@code R(t) = (R(t-1) + 1) L(t)}. {@code R(t) - t} is a supermartingale under "no drop", so by Ville's
 * inequality the chance that {@code R} ever reaches {@code c} within {@code T} days is at most
 * {@code T / c}, however often it is looked at. With {@code G} groups the threshold is
 * {@code c = T G / alphaLooks} (Bonferroni: any dependence between groups).
 *
 * <p>A baseline estimated from data is replaced by its one-sided lower Clopper-Pearson bound at
 * {@code alphaBaseline / G}: the total chance of any false alarm over the horizon is then at most
 * {@code alphaBaseline + alphaLooks}.
 */
public final class DropDetector {
    /** Drops (in rate) the bets are spread over, equally weighted. */
    static final double[] DROPS = {0.04, 0.07, 0.10, 0.15, 0.25};

    private final int horizonDays;
    private final int groups;
    private final double alphaLooks;
    private final double alphaBaseline;

    /**
     * @param horizonDays   looks planned before the baseline is renewed (T)
     * @param groups        groups watched over that horizon (G)
     * @param alpha         the chance of any false alarm over the horizon across all groups
     * @param baselineShare the part of {@code alpha} spent on baselines estimated from data
     * @throws IllegalArgumentException for values outside (0, 1) or counts below 1
     */
    public DropDetector(int horizonDays, int groups, double alpha, double baselineShare) {
        if (horizonDays < 1 || groups < 1 || !(alpha > 0 && alpha < 1) || !(baselineShare > 0 && baselineShare < 1)) {
            throw new IllegalArgumentException("horizon and groups must be >= 1, alpha and its share in (0, 1)");
        }
        this.horizonDays = horizonDays;
        this.groups = groups;
        this.alphaBaseline = alpha * baselineShare;
        this.alphaLooks = alpha * (1 - baselineShare);
    }

    /** log of the alarm threshold c = T G / alphaLooks. */
    public double logThreshold() {
        return Math.log(horizonDays) + Math.log(groups) - Math.log(alphaLooks);
    }

    /**
     * The rate a baseline of {@code successes} out of {@code n} is tested against: its lower
     * Clopper-Pearson bound at {@code alphaBaseline / G} (0 when there are no successes).
     */
    public double baselineBound(long successes, long n) {
        if (n <= 0 || successes <= 0) {
            return 0;
        }
        return new BetaDistribution(successes, n - successes + 1).inverseCumulativeProbability(alphaBaseline / groups);
    }

    /**
     * Runs the detector over daily counts against the rate {@code p0} (a fixed baseline, or
     * {@link #baselineBound}).
     *
     * @param successes successes of each day, oldest first (at most the horizon's days are read)
     * @param totals    votes of each day, same length
     * @return the state after the last day, with the first day the threshold was crossed, if any
     */
    public Detection run(double p0, long[] successes, long[] totals) {
        if (successes.length != totals.length) {
            throw new IllegalArgumentException("successes and totals differ in length");
        }
        int days = Math.min(successes.length, horizonDays);
        double logC = logThreshold();
        if (!(p0 > 0 && p0 < 1)) {
            // a baseline with no successes (or only successes at a fixed 1.0) cannot drop measurably / cannot be passed
            return new Detection(p0, days, Double.NEGATIVE_INFINITY, logC, -1, -1, 0);
        }
        int j = DROPS.length;
        double[] logR = new double[j];
        int[] cusumStart = new int[j];
        double[] cusum = new double[j];
        Arrays.fill(logR, Double.NEGATIVE_INFINITY);
        double logW = -Math.log(j);
        int alarmDay = -1;
        int alarmStart = -1;
        double logS = Double.NEGATIVE_INFINITY;
        double bestDrop = 0;
        for (int d = 0; d < days; d++) {
            long x = successes[d];
            long n = totals[d];
            logS = Double.NEGATIVE_INFINITY;
            double bestR = Double.NEGATIVE_INFINITY;
            int bestJ = 0;
            for (int i = 0; i < j; i++) {
                double q = Math.max(p0 - DROPS[i], 1e-4);
                double logL = x * Math.log(q / p0) + (n - x) * Math.log1p((p0 - q) / (1 - p0));
                logR[i] = log1pExp(logR[i]) + logL;
                if (cusum[i] <= 0) {
                    cusum[i] = 0;
                    cusumStart[i] = d;
                }
                cusum[i] += logL;
                logS = logAdd(logS, logW + logR[i]);
                if (logR[i] > bestR) {
                    bestR = logR[i];
                    bestJ = i;
                }
            }
            if (alarmDay < 0 && logS >= logC) {
                alarmDay = d;
                alarmStart = cusumStart[bestJ];
                bestDrop = DROPS[bestJ];
            }
        }
        return new Detection(p0, days, logS, logC, alarmDay, alarmStart, bestDrop);
    }

    /**
     * What the detector found.
     *
     * @param p0        the rate tested against
     * @param days      days read
     * @param logE      log of the e-detector after the last day (the mixture of summed bets)
     * @param logThreshold log of the alarm threshold
     * @param alarmDay  index of the first day the threshold was crossed; -1 when it never was
     * @param since     index of the day the drop most likely began (start of the leading bet's CUSUM run); -1 without alarm
     * @param drop      the drop of the bet that led at the alarm (0 without alarm)
     */
    public record Detection(double p0, int days, double logE, double logThreshold, int alarmDay, int since,
            double drop) {
        public boolean alarmed() {
            return alarmDay >= 0;
        }
    }

    private static double log1pExp(double a) {
        return a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a));
    }

    private static double logAdd(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        double m = Math.max(a, b);
        return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
    }
}
