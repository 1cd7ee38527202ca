package dev.feedbackloop.cli;

import dev.feedbackloop.analysis.Figures;

import dev.feedbackloop.routing.CandidateEstimate;
import dev.feedbackloop.routing.Classification;
import dev.feedbackloop.routing.DecisionExplanation;
import dev.feedbackloop.routing.NudgeEvidence;
import dev.feedbackloop.routing.RoutingDecision;
import java.io.PrintWriter;

/** Human-readable routing decisions. */
final class DecisionText {
    private DecisionText() {
    }

    static void print(PrintWriter out, RoutingDecision d, boolean explain) {
        out.printf("Task type:   %s%n", d.taskType());
        out.printf("Framework:   %s%s%n", d.primaryFramework(),
                d.primaryFramework().equals(d.ruleFramework()) ? "" : "   (rules: " + d.ruleFramework() + ")");
        out.printf("Techniques:  %s%n", d.techniques().isEmpty() ? "-" : String.join(", ", d.techniques()));
        out.printf("Model:       %s%n", d.modelRecommendation());
        out.printf("Confidence:  %.2f%n", d.confidence());
        out.printf("Mode:        %s%n", d.mode().label());
        out.printf("Reasoning:   %s%n", d.reasoning());
        if (explain) {
            explain(out, d.explanation());
        }
    }

    private static void explain(PrintWriter out, DecisionExplanation e) {
        out.println();
        out.println("Classification (keyword and pattern weights):");
        if (e.classification().isEmpty()) {
            out.println("  nothing matched");
        }
        for (Classification.Score s : e.classification()) {
            out.printf("  %-12s %3d  %s%n", s.taskType(), s.score(), String.join(", ", s.signals()));
        }
        out.printf("Confidence is the %s.%n", e.confidenceBasis());
        if (e.nudge() != null) {
            NudgeEvidence n = e.nudge();
            out.printf("Baseline window: last %d days, %d attributed outcomes; this framework %d outcomes, %s success;"
                    + " confidence x%s%n", n.windowDays(), n.windowOutcomes(), n.frameworkOutcomes(),
                    n.frameworkOutcomes() == 0 ? "-" : Figures.pct(n.frameworkSuccessRate()), n.factor());
        }
        if (!e.candidates().isEmpty()) {
            out.printf("Posteriors (half-life %s days, seed %d):%n", e.halfLifeDays(), e.seed());
            out.printf("  %-26s %-14s %13s %9s %17s %15s %7s %7s%n", "framework", "source", "prior", "outcomes",
                    "weighted +/n", "mean [95%]", "draw", "P(best)");
            for (CandidateEstimate c : e.candidates()) {
                double[] ci = c.posterior().credibleInterval(0.95);
                out.printf("  %-26s %-14s %13s %4d/%-4d %8.1f/%-8.1f %.2f [%.2f,%.2f] %7.3f %7.3f%n", c.framework(),
                        c.source().label(), String.format("Beta(%.1f,%.1f)", c.prior().alpha(), c.prior().beta()),
                        c.positives(), c.outcomes(), c.weightedPositives(), c.weightedOutcomes(), c.posterior().mean(),
                        ci[0], ci[1], c.draw(), c.probabilityBest());
            }
        }
    }
}
