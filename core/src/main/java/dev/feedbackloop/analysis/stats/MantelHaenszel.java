package dev.feedbackloop.analysis.stats;

import dev.feedbackloop.analysis.Interval;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.special.Erf;

/**
 * A group against the rest within strata (task types), pooled across them: the Mantel-Haenszel
 * risk difference with the variance of Sato (1989) (the Greenland &amp; Robins 1985 estimator,
 * consistent both with many small strata and with few large ones), the Cochran-Mantel-Haenszel
 * test of "no difference within any stratum" (Mantel &amp; Haenszel 1959, without continuity
 * correction), and Cochran's Q test of "the same difference in every stratum" on the stratum risk
 * differences.
 *
 * <p>Stratum k: {@code x1[k]} successes of {@code n1[k]} in the group, {@code x0[k]} of
 * {@code n0[k]} in the rest. A stratum where either side is empty carries no information about the
 * comparison and is left out of all three (its entries are counted in {@link Result#uninformative}).
 */
public final class MantelHaenszel {
    /** Strata whose two sides both have at least this many entries enter the heterogeneity test. */
    public static final int MIN_HETEROGENEITY_SIDE = 10;

    private MantelHaenszel() {
    }

    /**
     * @param difference  pooled risk difference (group minus rest), 0 when no stratum is informative
     * @param ci          its 95% interval (Sato's variance, normal approximation), clipped to [-1, 1]
     * @param pValue      two-sided CMH p-value; 1 when no stratum is informative or nothing varies
     * @param heterogeneityP Cochran's Q p-value over the strata with both sides at least
     *                    {@link #MIN_HETEROGENEITY_SIDE}; NaN when fewer than two such strata
     * @param informative strata with both sides present
     * @param uninformative entries in strata where one side is empty (group and rest)
     */
    public record Result(double difference, Interval ci, double pValue, double heterogeneityP, int informative,
            long uninformative) {
    }

    /** @throws IllegalArgumentException when the arrays differ in length or a count is impossible */
    public static Result test(long[] x1, long[] n1, long[] x0, long[] n0) {
        int k = x1.length;
        if (n1.length != k || x0.length != k || n0.length != k) {
            throw new IllegalArgumentException("strata arrays differ in length");
        }
        double num = 0;
        double weights = 0;
        double observedMinusExpected = 0;
        double variance = 0;
        int informative = 0;
        long uninformative = 0;
        for (int i = 0; i < k; i++) {
            if (x1[i] < 0 || x0[i] < 0 || x1[i] > n1[i] || x0[i] > n0[i]) {
                throw new IllegalArgumentException("impossible counts in stratum " + i);
            }
            if (n1[i] == 0 || n0[i] == 0) {
                uninformative += n1[i] + n0[i];
                continue;
            }
            informative++;
            double a = x1[i];
            double c = x0[i];
            double g = n1[i];
            double r = n0[i];
            double n = g + r;
            num += (a * r - c * g) / n;
            weights += g * r / n;
            double m1 = a + c;
            double m0 = n - m1;
            observedMinusExpected += a - g * m1 / n;
            if (n > 1) {
                variance += g * r * m1 * m0 / (n * n * (n - 1));
            }
        }
        if (informative == 0) {
            return new Result(0, new Interval(-1, 1), 1.0, Double.NaN, 0, uninformative);
        }
        double rd = num / weights;
        double p = 0;
        double q = 0;
        for (int i = 0; i < k; i++) {
            if (n1[i] == 0 || n0[i] == 0) {
                continue;
            }
            double a = x1[i];
            double c = x0[i];
            double g = n1[i];
            double r = n0[i];
            double n = g + r;
            p += (g * g * c - r * r * a + g * r * (r - g) / 2) / (n * n);
            q += (a * (r - c) + c * (g - a)) / (2 * n);
        }
        double se = Math.sqrt(Math.max(0, rd * p + q)) / weights;
        Interval ci = new Interval(Math.max(-1, rd - Proportions.Z95 * se), Math.min(1, rd + Proportions.Z95 * se));
        double pValue = variance <= 0 ? 1.0
                : Math.min(1.0, Erf.erfc(Math.abs(observedMinusExpected) / Math.sqrt(variance) / Math.sqrt(2)));
        return new Result(rd, ci, pValue, heterogeneity(x1, n1, x0, n0), informative, uninformative);
    }

    /**
     * Cochran's Q: inverse-variance weighted squared deviations of the stratum differences from
     * their weighted mean, chi-squared with (strata - 1) degrees of freedom. Rates in the variance
     * are shrunk by half a success and half a failure so that a stratum at 0% or 100% keeps a
     * finite weight.
     */
    static double heterogeneity(long[] x1, long[] n1, long[] x0, long[] n0) {
        int used = 0;
        double sw = 0;
        double swd = 0;
        double swd2 = 0;
        for (int i = 0; i < x1.length; i++) {
            if (n1[i] < MIN_HETEROGENEITY_SIDE || n0[i] < MIN_HETEROGENEITY_SIDE) {
                continue;
            }
            double d = (double) x1[i] / n1[i] - (double) x0[i] / n0[i];
            double p1 = (x1[i] + 0.5) / (n1[i] + 1.0);
            double p0 = (x0[i] + 0.5) / (n0[i] + 1.0);
            double w = 1 / (p1 * (1 - p1) / n1[i] + p0 * (1 - p0) / n0[i]);
            used++;
            sw += w;
            swd += w * d;
            swd2 += w * d * d;
        }
        if (used < 2) {
            return Double.NaN;
        }
        double qStat = Math.max(0, swd2 - swd * swd / sw);
        return 1 - new ChiSquaredDistribution(null, used - 1).cumulativeProbability(qStat);
    }
}
