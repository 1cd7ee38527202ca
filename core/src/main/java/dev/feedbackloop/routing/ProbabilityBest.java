package dev.feedbackloop.routing;

import java.util.List;

/**
 * For independent Beta posteriors, the probability that each one's success rate is the highest:
 * P(k best) = integral of f_k(x) * product over j != k of F_j(x) dx, by the midpoint rule on a
 * grid spanning every posterior's mean +- 10 standard deviations (within [0, 1]), fine enough
 * that the narrowest posterior gets at least 8 cells per standard deviation (2,048 to 65,536
 * cells). Each density is normalised on the grid, so the results sum to 1; a cell shared by two
 * posteriors counts half to each. Deterministic, no random draws. Pure and thread-safe.
 */
final class ProbabilityBest {
    static final int MIN_CELLS = 2048;
    static final int MAX_CELLS = 65_536;

    private ProbabilityBest() {
    }

    /** @throws IllegalArgumentException when there are no posteriors */
    static double[] of(List<BetaPosterior> posteriors) {
        int n = posteriors.size();
        if (n == 0) {
            throw new IllegalArgumentException("no posteriors");
        }
        if (n == 1) {
            return new double[] {1.0};
        }
        double lo = 1;
        double hi = 0;
        double narrowest = 1;
        for (BetaPosterior p : posteriors) {
            double sd = sd(p);
            lo = Math.min(lo, Math.max(0, p.mean() - 10 * sd));
            hi = Math.max(hi, Math.min(1, p.mean() + 10 * sd));
            narrowest = Math.min(narrowest, sd);
        }
        int cells = (int) Math.min(MAX_CELLS, Math.max(MIN_CELLS, Math.ceil(8 * (hi - lo) / narrowest)));
        double width = (hi - lo) / cells;
        double[] logX = new double[cells];
        double[] log1mX = new double[cells];
        for (int i = 0; i < cells; i++) {
            double x = lo + (i + 0.5) * width;
            logX[i] = Math.log(x);
            log1mX[i] = Math.log1p(-x);
        }
        double[][] mass = new double[n][];
        double[][] below = new double[n][];
        for (int k = 0; k < n; k++) {
            mass[k] = cellMass(posteriors.get(k), logX, log1mX);
            below[k] = new double[cells];
            double cumulative = 0;
            for (int i = 0; i < cells; i++) {
                below[k][i] = cumulative + mass[k][i] / 2;
                cumulative += mass[k][i];
            }
        }
        double[] best = new double[n];
        for (int k = 0; k < n; k++) {
            double sum = 0;
            for (int i = 0; i < cells; i++) {
                if (mass[k][i] == 0) {
                    continue;
                }
                double others = 1;
                for (int j = 0; j < n && others > 0; j++) {
                    if (j != k) {
                        others *= below[j][i];
                    }
                }
                sum += mass[k][i] * others;
            }
            best[k] = sum;
        }
        return best;
    }

    /** The posterior's probability per grid cell, normalised to sum to 1. */
    private static double[] cellMass(BetaPosterior p, double[] logX, double[] log1mX) {
        int cells = logX.length;
        double[] logDensity = new double[cells];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < cells; i++) {
            logDensity[i] = (p.alpha() - 1) * logX[i] + (p.beta() - 1) * log1mX[i];
            max = Math.max(max, logDensity[i]);
        }
        double[] mass = new double[cells];
        double total = 0;
        for (int i = 0; i < cells; i++) {
            mass[i] = Math.exp(logDensity[i] - max);
            total += mass[i];
        }
        for (int i = 0; i < cells; i++) {
            mass[i] /= total;
        }
        return mass;
    }

    static double sd(BetaPosterior p) {
        double s = p.alpha() + p.beta();
        return Math.sqrt(p.alpha() * p.beta() / (s * s * (s + 1)));
    }
}
