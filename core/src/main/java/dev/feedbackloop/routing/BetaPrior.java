package dev.feedbackloop.routing;

import dev.feedbackloop.InvalidInputException;

/**
 * A Beta prior on a success rate, written as the prior mean and its weight in pseudo-outcomes:
 * Beta(mean * strength, (1 - mean) * strength). A strength of 6 counts like six earlier outcomes.
 */
public record BetaPrior(double mean, double strength) {
    public BetaPrior {
        if (!(mean > 0 && mean < 1)) {
            throw new InvalidInputException("prior mean is required and must be strictly between 0 and 1, got " + mean);
        }
        if (!(strength > 0) || Double.isInfinite(strength)) {
            throw new InvalidInputException("prior strength is required and must be a positive number, got " + strength);
        }
    }

    public double alpha() {
        return mean * strength;
    }

    public double beta() {
        return (1 - mean) * strength;
    }
}
