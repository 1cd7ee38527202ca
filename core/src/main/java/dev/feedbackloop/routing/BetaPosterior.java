package dev.feedbackloop.routing;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A Beta(alpha, beta) belief about a success rate. With a prior Beta(a, b) and (weighted) s
 * successes and f failures the posterior is Beta(a + s, b + f): conjugacy, no approximation.
 */
public record BetaPosterior(double alpha, double beta) {
    public BetaPosterior {
        if (!(alpha > 0) || !(beta > 0) || Double.isInfinite(alpha) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("Beta parameters must be positive and finite, got " + alpha + ", " + beta);
        }
    }

    public static BetaPosterior of(BetaPrior prior) {
        return new BetaPosterior(prior.alpha(), prior.beta());
    }

    /** The posterior after {@code successes} positive and {@code failures} other outcomes (may be fractional). */
    public BetaPosterior update(double successes, double failures) {
        if (successes < 0 || failures < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        return new BetaPosterior(alpha + successes, beta + failures);
    }

    public double mean() {
        return alpha / (alpha + beta);
    }

    /** Central credible interval {low, high} holding {@code mass} of the probability. */
    public double[] credibleInterval(double mass) {
        BetaDistribution d = new BetaDistribution(null, alpha, beta);
        double tail = (1 - mass) / 2;
        return new double[] {d.inverseCumulativeProbability(tail), d.inverseCumulativeProbability(1 - tail)};
    }

    /** A sampler drawing from this distribution with {@code rng} (not thread-safe, like the generator). */
    BetaDistribution sampler(RandomGenerator rng) {
        return new BetaDistribution(rng, alpha, beta);
    }
}
