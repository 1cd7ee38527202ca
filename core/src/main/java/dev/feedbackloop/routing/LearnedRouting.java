package dev.feedbackloop.routing;

import dev.feedbackloop.analysis.Figures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * The learning decision for one classified task: candidates = the rules' list for the type plus
 * every framework stored feedback used for it; each gets a Beta prior (the rules' default a
 * favourable one) updated with its time-decayed outcomes; Thompson sampling picks the framework;
 * the confidence is the posterior probability that the picked framework is the best.
 */
final class LearnedRouting {
    static final String BASIS = "posterior probability that the chosen framework has the highest success rate";

    private final RuleRouter rules;

    LearnedRouting(RuleRouter rules) {
        this.rules = rules;
    }

    /** @param tallies decayed outcomes per framework for the task type (may be empty) */
    RoutingDecision decide(Classification c, Map<String, Tally> tallies, long seed) {
        TaskTypeRule type = c.taskType();
        LearningSettings settings = rules.rules().learning();
        List<String> names = new ArrayList<>(type.candidates());
        tallies.keySet().stream().filter(f -> !names.contains(f)).forEach(names::add);

        List<BetaPosterior> priors = new ArrayList<>();
        List<BetaPosterior> posteriors = new ArrayList<>();
        for (String name : names) {
            BetaPosterior prior = BetaPosterior.of(priorOf(source(type, name), settings));
            Tally t = tallies.getOrDefault(name, Tally.EMPTY);
            priors.add(prior);
            posteriors.add(prior.update(t.weightedPositives(), t.weightedFailures()));
        }
        RandomGenerator rng = new Well19937c(seed);
        ThompsonSampling.Result r = ThompsonSampling.choose(posteriors, rng);

        List<CandidateEstimate> estimates = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Tally t = tallies.getOrDefault(names.get(i), Tally.EMPTY);
            estimates.add(new CandidateEstimate(names.get(i), source(type, names.get(i)), priors.get(i), t.outcomes(),
                    t.positives(), t.weightedOutcomes(), t.weightedPositives(), posteriors.get(i), r.draws()[i],
                    r.probabilityBest()[i]));
        }
        CandidateEstimate chosen = estimates.get(r.chosen());
        DecisionExplanation explanation = new DecisionExplanation(c.scores(), BASIS, seed, settings.halfLifeDays(),
                estimates, null);
        return new RoutingDecision(type.name(), chosen.framework(), rules.techniques(type, chosen.framework()),
                type.model(), RuleRouter.round(chosen.probabilityBest()), reasoning(c, estimates, chosen, settings),
                names, type.defaultFramework(), RouterMode.LEARNING, explanation);
    }

    static CandidateEstimate.Source source(TaskTypeRule type, String framework) {
        if (framework.equals(type.defaultFramework())) {
            return CandidateEstimate.Source.RULE_DEFAULT;
        }
        return type.candidates().contains(framework) ? CandidateEstimate.Source.RULE_CANDIDATE
                : CandidateEstimate.Source.FEEDBACK;
    }

    private static BetaPrior priorOf(CandidateEstimate.Source source, LearningSettings s) {
        switch (source) {
            case RULE_DEFAULT:
                return s.defaultPrior();
            case RULE_CANDIDATE:
                return s.candidatePrior();
            default:
                return s.discoveredPrior();
        }
    }

    private static String reasoning(Classification c, List<CandidateEstimate> all, CandidateEstimate chosen,
                                    LearningSettings s) {
        long outcomes = all.stream().mapToLong(CandidateEstimate::outcomes).sum();
        CandidateEstimate bestMean = all.stream()
                .max(java.util.Comparator.comparingDouble(e -> e.posterior().mean())).orElseThrow();
        StringBuilder text = new StringBuilder(RuleRouter.describeTask(c)).append(". ");
        text.append(String.format(Locale.ROOT, "Learned from %d stored outcome%s for %s (half-life %s days): ", outcomes,
                outcomes == 1 ? "" : "s", c.taskType().name(), Figures.number(s.halfLifeDays())));
        text.append(String.format(Locale.ROOT, "%s has posterior mean success %.2f", chosen.framework(),
                chosen.posterior().mean()));
        if (chosen != bestMean) {
            text.append(String.format(Locale.ROOT, ", %s %.2f; exploring %s", bestMean.framework(),
                    bestMean.posterior().mean(), chosen.framework()));
        } else if (!chosen.framework().equals(c.taskType().defaultFramework())) {
            CandidateEstimate def = all.get(0);
            text.append(String.format(Locale.ROOT, " against %.2f for the rule default %s", def.posterior().mean(),
                    def.framework()));
        }
        text.append(String.format(Locale.ROOT, "; probability it is the best: %.2f.", chosen.probabilityBest()));
        if (chosen.source() == CandidateEstimate.Source.FEEDBACK) {
            text.append(" It is not in the rules for this task type; feedback brought it in.");
        }
        return text.toString();
    }
}
