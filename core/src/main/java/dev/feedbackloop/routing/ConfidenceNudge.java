package dev.feedbackloop.routing;

import java.util.Locale;

/**
 * The specification's {@code AdaptivePromptRouter}: keep the rules' decision and only nudge its
 * confidence by the framework's success rate over the last {@value #WINDOW_DAYS} days (all task
 * types, attributed feedback): above 0.8 times 1.1 (at most 1), below 0.5 times 0.9. Fewer than
 * {@value #MIN_SAMPLES} outcomes in the window (the specification's {@code min_samples=3}) or none
 * for the framework leave it unchanged.
 */
final class ConfidenceNudge {
    static final int WINDOW_DAYS = 7;
    static final int MIN_SAMPLES = 3;
    static final String BASIS = RuleRouter.STATIC_BASIS + ", nudged x1.1 or x0.9 by the framework's recent success rate";

    private ConfidenceNudge() {
    }

    static RoutingDecision apply(RoutingDecision decision, OutcomeLedger ledger) {
        Tally all = ledger.recent(null, WINDOW_DAYS);
        Tally fw = ledger.recent(decision.primaryFramework(), WINDOW_DAYS);
        double factor = 1;
        String note = "";
        if (all.outcomes() >= MIN_SAMPLES && fw.outcomes() > 0) {
            double rate = (double) fw.positives() / fw.outcomes();
            if (rate > 0.8) {
                factor = 1.1;
                note = String.format(Locale.ROOT, " | Framework performing well (%.0f%% success)", rate * 100);
            } else if (rate < 0.5) {
                factor = 0.9;
                note = String.format(Locale.ROOT, " | Framework needs improvement (%.0f%% success)", rate * 100);
            }
        }
        NudgeEvidence evidence = new NudgeEvidence(WINDOW_DAYS, all.outcomes(), fw.outcomes(), fw.positives(), factor);
        DecisionExplanation e = decision.explanation();
        DecisionExplanation explained = new DecisionExplanation(e.classification(), BASIS, null, null, null, evidence);
        double confidence = RuleRouter.round(Math.min(1.0, decision.confidence() * factor));
        return decision.withConfidence(confidence, decision.reasoning() + note, RouterMode.BASELINE, explained);
    }
}
