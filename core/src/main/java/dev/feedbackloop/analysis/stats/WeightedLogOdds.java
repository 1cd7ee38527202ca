package dev.feedbackloop.analysis.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "Fightin' Words": the weighted log-odds ratio with an informative Dirichlet prior of Monroe,
 * Colaresi &amp; Quinn (2008), section 3.5.3. For term w with counts y_a, y_b in corpora of sizes
 * n_a, n_b and prior pseudo-counts alpha_w (summing to alpha_0):
 * <pre>
 *   delta_w = log((y_a + alpha_w) / (n_a + alpha_0 - y_a - alpha_w))
 *           - log((y_b + alpha_w) / (n_b + alpha_0 - y_b - alpha_w))
 *   var     ~ 1 / (y_a + alpha_w) + 1 / (y_b + alpha_w)
 *   z_w     = delta_w / sqrt(var)
 * </pre>
 * The prior here is the pooled corpus itself (alpha_w = y_a + y_b, times {@code priorScale}), which
 * shrinks rare terms towards no difference. Positive z = distinctive of corpus a. Thread-safe.
 */
public final class WeightedLogOdds {
    private final double priorScale;

    /** @param priorScale multiplier of the pooled counts used as prior (1.0 = as strong as the data) */
    public WeightedLogOdds(double priorScale) {
        if (!(priorScale > 0)) {
            throw new IllegalArgumentException("prior scale must be positive, got " + priorScale);
        }
        this.priorScale = priorScale;
    }

    /** One term's score. Counts are as given (documents containing the term, in this library). */
    public record TermScore(String term, long countA, long countB, double delta, double zScore) {
    }

    /**
     * Scores every term whose pooled count is at least {@code minCount}, most distinctive of
     * {@code a} first (descending z). Empty when either corpus is empty.
     */
    public List<TermScore> compare(Map<String, Long> a, Map<String, Long> b, long minCount) {
        double na = sum(a);
        double nb = sum(b);
        List<TermScore> out = new ArrayList<>();
        if (na == 0 || nb == 0) {
            return out;
        }
        double alpha0 = (na + nb) * priorScale;
        Set<String> vocabulary = new HashSet<>(a.keySet());
        vocabulary.addAll(b.keySet());
        for (String term : vocabulary) {
            long ya = a.getOrDefault(term, 0L);
            long yb = b.getOrDefault(term, 0L);
            if (ya + yb < minCount) {
                continue;
            }
            double alpha = (ya + yb) * priorScale;
            double delta = Math.log((ya + alpha) / (na + alpha0 - ya - alpha))
                    - Math.log((yb + alpha) / (nb + alpha0 - yb - alpha));
            double variance = 1.0 / (ya + alpha) + 1.0 / (yb + alpha);
            out.add(new TermScore(term, ya, yb, delta, delta / Math.sqrt(variance)));
        }
        out.sort(Comparator.comparingDouble(TermScore::zScore).reversed().thenComparing(TermScore::term));
        return out;
    }

    private static double sum(Map<String, Long> counts) {
        double s = 0;
        for (long v : counts.values()) {
            s += v;
        }
        return s;
    }
}
