package dev.feedbackloop.analysis;

import dev.feedbackloop.analysis.stats.FalseDiscovery;
import dev.feedbackloop.analysis.stats.Proportions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the comparisons of one analysis (a group against the rest of the window) and turns them
 * into {@link Finding}s: difference in success rate with Newcombe's interval, a two-sided p-value,
 * and Benjamini-Hochberg q-values over all comparisons collected here. A comparison where either
 * side has fewer than {@code minSupport} entries is still reported and counted in the correction,
 * but never called significant. Not thread-safe.
 */
public final class Comparisons {
    /** False discovery rate at which a finding is called significant. */
    public static final double FDR = 0.05;

    private record Candidate(String kind, String name, Tally with, Tally without) {
    }

    private final List<Candidate> candidates = new ArrayList<>();

    /** Adds "entries in {@code group}" against "entries of {@code all} not in it". Skipped when either side is empty. */
    public void groupVersusRest(String kind, String name, Tally group, Tally all) {
        versus(kind, name, group, all.minus(group));
    }

    /** Adds {@code with} against {@code without} (disjoint sets). Skipped when either side is empty. */
    public void versus(String kind, String name, Tally with, Tally without) {
        if (with.count() > 0 && without.count() > 0) {
            candidates.add(new Candidate(kind, name, with, without));
        }
    }

    /** Findings, significant first, then by q-value and size of the effect. */
    public List<Finding> findings(int minSupport) {
        double[] p = new double[candidates.size()];
        for (int i = 0; i < p.length; i++) {
            Candidate c = candidates.get(i);
            p[i] = Proportions.pValue(c.with.positive(), c.with.count(), c.without.positive(), c.without.count());
        }
        double[] q = FalseDiscovery.benjaminiHochberg(p);
        List<Finding> out = new ArrayList<>(p.length);
        for (int i = 0; i < p.length; i++) {
            Candidate c = candidates.get(i);
            boolean supported = c.with.count() >= minSupport && c.without.count() >= minSupport;
            out.add(new Finding(c.kind, c.name, c.with.successRate() - c.without.successRate(),
                    Proportions.difference(c.with.positive(), c.with.count(), c.without.positive(), c.without.count()),
                    p[i], q[i], supported && q[i] <= FDR, c.with.count(), c.with.successRate(),
                    c.without.successRate(), c.without.count()));
        }
        out.sort(Comparator.comparing((Finding f) -> !f.significant())
                .thenComparingDouble(Finding::qValue)
                .thenComparing(f -> -Math.abs(f.effect()))
                .thenComparing(Finding::kind).thenComparing(Finding::name));
        return out;
    }
}
