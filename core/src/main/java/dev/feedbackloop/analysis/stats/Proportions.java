package dev.feedbackloop.analysis.stats;

import dev.feedbackloop.analysis.Interval;
import org.apache.commons.math3.distribution.HypergeometricDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Erf;

/**
 * Intervals and tests for binomial proportions (success rates). Pure functions, thread-safe.
 *
 * <ul>
 *   <li>Wilson score interval: Wilson (1927), recommended by Brown, Cai &amp; DasGupta (2001).</li>
 *   <li>Difference of two independent proportions: Newcombe's hybrid score interval, method 10 of
 *       Newcombe (1998), built from the two Wilson intervals.</li>
 *   <li>Two-sided p-value of no difference: pooled two-proportion z-test, or Fisher's exact test
 *       when an expected cell count is below 5.</li>
 *   <li>Sample size per group to detect a difference (Fleiss, Levin &amp; Paik 2003, without continuity
 *       correction).</li>
 * </ul>
 */
public final class Proportions {
    /** Two-sided 95% normal quantile. */
    public static final double Z95 = 1.959963984540054;
    private static final double MIN_EXPECTED = 5.0;

    private Proportions() {
    }

    /** 95% Wilson score interval of {@code successes / n}; [0, 1] when {@code n} is 0. */
    public static Interval wilson(long successes, long n) {
        return wilson(successes, n, Z95);
    }

    public static Interval wilson(long successes, long n, double z) {
        checkCounts(successes, n);
        if (n == 0) {
            return new Interval(0, 1);
        }
        double p = (double) successes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        double low = successes == 0 ? 0 : Math.max(0, centre - half);
        double high = successes == n ? 1 : Math.min(1, centre + half);
        return new Interval(low, high);
    }

    /**
     * 95% interval of {@code x1/n1 - x2/n2} by Newcombe's hybrid score method.
     *
     * @throws IllegalArgumentException when a group is empty
     */
    public static Interval difference(long x1, long n1, long x2, long n2) {
        requireNonEmpty(n1, n2);
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        Interval w1 = wilson(x1, n1);
        Interval w2 = wilson(x2, n2);
        double d = p1 - p2;
        double low = d - Math.sqrt(square(p1 - w1.low()) + square(w2.high() - p2));
        double high = d + Math.sqrt(square(w1.high() - p1) + square(p2 - w2.low()));
        return new Interval(Math.max(-1, low), Math.min(1, high));
    }

    /**
     * Two-sided p-value for "both groups have the same success rate". Uses the pooled z-test when
     * every expected cell count is at least 5, Fisher's exact test otherwise. 1.0 when all or none
     * succeeded.
     *
     * @throws IllegalArgumentException when a group is empty
     */
    public static double pValue(long x1, long n1, long x2, long n2) {
        requireNonEmpty(n1, n2);
        checkCounts(x1, n1);
        checkCounts(x2, n2);
        double pooled = (double) (x1 + x2) / (n1 + n2);
        if (pooled == 0 || pooled == 1) {
            return 1.0;
        }
        double minExpected = Math.min(Math.min(n1, n2) * pooled, Math.min(n1, n2) * (1 - pooled));
        if (minExpected < MIN_EXPECTED) {
            return fisherExact(x1, n1, x2, n2);
        }
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        double z = ((double) x1 / n1 - (double) x2 / n2) / se;
        return Math.min(1.0, Erf.erfc(Math.abs(z) / Math.sqrt(2)));
    }

    /**
     * Fisher's exact test, two-sided: the probability of every table with the same margins that is
     * at most as likely as the observed one.
     */
    public static double fisherExact(long x1, long n1, long x2, long n2) {
        requireNonEmpty(n1, n2);
        long total = n1 + n2;
        long successes = x1 + x2;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Fisher's exact test is for small counts, got n=" + total);
        }
        HypergeometricDistribution h = new HypergeometricDistribution(null, (int) total, (int) successes, (int) n1);
        double observed = h.probability((int) x1);
        double p = 0;
        for (int k = h.getSupportLowerBound(); k <= h.getSupportUpperBound(); k++) {
            double pk = h.probability(k);
            if (pk <= observed * (1 + 1e-7)) {
                p += pk;
            }
        }
        return Math.min(1.0, p);
    }

    /**
     * Entries needed in each of two equal groups to detect a difference of {@code difference}
     * (a proportion, e.g. 0.10) from {@code baseRate} with a two-sided test at {@code alpha} and
     * the given power. The second rate is moved towards 0.5 (the harder case).
     *
     * @throws IllegalArgumentException for rates, difference, alpha or power outside (0, 1)
     */
    public static long sampleSizePerGroup(double baseRate, double difference, double alpha, double power) {
        if (!(baseRate >= 0 && baseRate <= 1) || !(difference > 0 && difference < 1)
                || !(alpha > 0 && alpha < 1) || !(power > 0 && power < 1)) {
            throw new IllegalArgumentException("bad sample size parameters: rate " + baseRate + ", difference "
                    + difference + ", alpha " + alpha + ", power " + power);
        }
        double p1 = baseRate;
        double p2 = p1 <= 0.5 ? p1 + difference : p1 - difference;
        p2 = Math.max(0, Math.min(1, p2));
        double mean = (p1 + p2) / 2;
        NormalDistribution normal = new NormalDistribution(null, 0, 1);
        double zAlpha = normal.inverseCumulativeProbability(1 - alpha / 2);
        double zBeta = normal.inverseCumulativeProbability(power);
        double numerator = zAlpha * Math.sqrt(2 * mean * (1 - mean)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
        return (long) Math.ceil(square(numerator) / square(p1 - p2));
    }

    /** Entries per group to detect a 10-point difference at 80% power, alpha 0.05. */
    public static long sampleSizeFor10Points(double baseRate) {
        return sampleSizePerGroup(baseRate, 0.10, 0.05, 0.80);
    }

    private static double square(double x) {
        return x * x;
    }

    private static void checkCounts(long successes, long n) {
        if (n < 0 || successes < 0 || successes > n) {
            throw new IllegalArgumentException("bad counts: " + successes + " of " + n);
        }
    }

    private static void requireNonEmpty(long n1, long n2) {
        if (n1 <= 0 || n2 <= 0) {
            throw new IllegalArgumentException("both groups need entries, got n1=" + n1 + ", n2=" + n2);
        }
    }
}
