package dev.feedbackloop.analysis.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Benjamini-Hochberg (1995) adjusted p-values ("q-values"): rejecting every hypothesis with
 * q &le; alpha controls the false discovery rate at alpha for independent or positively dependent
 * tests. Pure function, thread-safe.
 */
public final class FalseDiscovery {
    private FalseDiscovery() {
    }

    /**
     * @param pValues raw p-values, each in [0, 1]
     * @return adjusted values in the same order: q_(i) = min over j &ge; i of m p_(j) / j, capped at 1
     */
    public static double[] benjaminiHochberg(double[] pValues) {
        int m = pValues.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            if (!(pValues[i] >= 0 && pValues[i] <= 1)) {
                throw new IllegalArgumentException("p-value out of [0, 1]: " + pValues[i]);
            }
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        double[] q = new double[m];
        double running = 1.0;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, pValues[i] * m / rank);
            q[i] = running;
        }
        return q;
    }
}
