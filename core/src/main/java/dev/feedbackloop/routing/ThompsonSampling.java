package dev.feedbackloop.routing;

import java.util.List;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Thompson sampling: draw one success rate from each candidate's posterior and take the
 * highest, so a candidate is chosen with exactly the probability that it is the best (reported
 * alongside, from {@link ProbabilityBest}). Deterministic for a given generator state; the
 * generator is not shared between threads.
 */
final class ThompsonSampling {
    private ThompsonSampling() {
    }

    /**
     * @param draws           this decision's sample per candidate (same order as the posteriors)
     * @param probabilityBest per candidate, the posterior probability that it is the best
     */
    record Result(int chosen, double[] draws, double[] probabilityBest) {
    }

    /** @throws IllegalArgumentException when there are no candidates */
    static Result choose(List<BetaPosterior> posteriors, RandomGenerator rng) {
        int n = posteriors.size();
        if (n == 0) {
            throw new IllegalArgumentException("no candidates to choose from");
        }
        BetaDistribution[] samplers = new BetaDistribution[n];
        for (int i = 0; i < n; i++) {
            samplers[i] = posteriors.get(i).sampler(rng);
        }
        double[] draws = new double[n];
        for (int i = 0; i < n; i++) {
            draws[i] = samplers[i].sample();
        }
        return new Result(argmax(draws), draws, ProbabilityBest.of(posteriors));
    }

    /** Index of the largest value; the first one on a tie. */
    static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
