package dev.feedbackloop.routing;

import java.util.List;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Thompson sampling: draw one success rate from each candidate's posterior and take the
 * highest, so a candidate is chosen with the probability that it is the best. The same draws'
 * generator then estimates those probabilities for the report. Deterministic for a given
 * generator state; the generator is not shared between threads.
 */
final class ThompsonSampling {
    /** Joint posterior draws behind {@link Result#probabilityBest}: standard error at most 0.011. */
    static final int DRAWS = 2000;

    private ThompsonSampling() {
    }

    /**
     * @param draws           this decision's sample per candidate (same order as the posteriors)
     * @param probabilityBest per candidate, the share of {@link #DRAWS} joint draws in which it was highest
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
        int chosen = argmax(draws);
        int[] wins = new int[n];
        double[] joint = new double[n];
        for (int d = 0; d < DRAWS; d++) {
            for (int i = 0; i < n; i++) {
                joint[i] = samplers[i].sample();
            }
            wins[argmax(joint)]++;
        }
        double[] probabilityBest = new double[n];
        for (int i = 0; i < n; i++) {
            probabilityBest[i] = (double) wins[i] / DRAWS;
        }
        return new Result(chosen, draws, probabilityBest);
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
