package dev.feedbackloop.routing;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.feedbackloop.InvalidInputException;

/**
 * How the learning router weighs evidence.
 *
 * @param halfLifeDays    feedback this many days old counts half as much as today's
 * @param defaultPrior    prior of the framework the rules choose for a task type
 * @param candidatePrior  prior of the other frameworks the rules list for it
 * @param discoveredPrior prior of a framework that only stored feedback names for it
 */
public record LearningSettings(
        @JsonProperty("half_life_days") double halfLifeDays,
        @JsonProperty("default_prior") BetaPrior defaultPrior,
        @JsonProperty("candidate_prior") BetaPrior candidatePrior,
        @JsonProperty("discovered_prior") BetaPrior discoveredPrior) {

    public LearningSettings {
        if (!(halfLifeDays > 0) || Double.isInfinite(halfLifeDays)) {
            throw new InvalidInputException("learning.half_life_days is required and must be a positive number of days, got "
                    + halfLifeDays);
        }
        require(defaultPrior, "learning.default_prior");
        require(candidatePrior, "learning.candidate_prior");
        require(discoveredPrior, "learning.discovered_prior");
    }

    public LearningSettings withHalfLifeDays(double days) {
        return new LearningSettings(days, defaultPrior, candidatePrior, discoveredPrior);
    }

    private static void require(BetaPrior prior, String name) {
        if (prior == null) {
            throw new InvalidInputException(name + " is required (an object with mean and strength)");
        }
    }
}
