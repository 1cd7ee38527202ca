package dev.feedbackloop.analysis;

import static dev.feedbackloop.analysis.Figures.p;
import static dev.feedbackloop.analysis.Figures.pct;
import static dev.feedbackloop.analysis.Figures.pointRange;
import static dev.feedbackloop.analysis.Figures.points;
import static dev.feedbackloop.analysis.Figures.range;
import static dev.feedbackloop.analysis.Figures.signedPoints;

import dev.feedbackloop.analysis.stats.Proportions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns significant findings into action items, each with its evidence in words: at most three per
 * kind, prompt features first, then frameworks, models, phrases and tags (tags often name the
 * failure itself, so they explain less); within a kind, findings over the whole window before those
 * of one task type, the largest effects first. A finding whose effect depends on the task type is
 * never recommended as a whole, only through its findings per task type. Nothing is recommended from a
 * finding that is not significant; when nothing is, the one item says how much data a 10-point
 * difference would need.
 */
public final class Recommender {
    static final int MAX_ITEMS = 10;
    static final int MAX_PER_KIND = 3;
    /** What a team can act on comes first: how prompts are written, then framework and model choice. */
    /** The order in which finding kinds are listed everywhere. */
    public static final List<String> KIND_ORDER = List.of(Finding.FEATURE, Finding.FRAMEWORK, Finding.MODEL, Finding.PHRASE,
            Finding.TAG);

    private Recommender() {
    }

    /**
     * @param findings all findings of one analysis or report
     * @param overall  counts of the whole window
     */
    public static List<Recommendation> recommend(List<Finding> findings, Tally overall, int minSupport) {
        List<Recommendation> out = new ArrayList<>();
        for (String kind : KIND_ORDER) {
            findings.stream()
                    .filter(f -> f.significant() && !f.interaction() && f.kind().equals(kind))
                    .sorted(Comparator.comparing((Finding f) -> f.taskType() != null)
                            .thenComparingDouble(f -> -Math.abs(f.effect())))
                    .limit(MAX_PER_KIND)
                    .forEach(f -> out.add(new Recommendation(text(f), evidence(f))));
        }
        if (out.size() > MAX_ITEMS) {
            out.subList(MAX_ITEMS, out.size()).clear();
        }
        if (out.isEmpty()) {
            out.add(moreData(findings, overall, minSupport));
        }
        return out;
    }

    static String text(Finding f) {
        if (f.taskType() != null) {
            return forTaskType(f);
        }
        boolean better = f.effect() > 0;
        String points = points(Math.abs(f.effect()));
        switch (f.kind()) {
            case Finding.FEATURE:
                Optional<LengthRange> length = LengthRange.of(f.name());
                if (length.isPresent()) {
                    return "Prompts of " + length.get().chars() + " succeed " + points + " points "
                            + (better ? "more" : "less") + " often than the rest: see what those prompts have in common";
                }
                return better
                        ? "Include " + noun(f.name()) + " in prompts: success is " + points + " points higher with them"
                        : "Prompts with " + noun(f.name()) + " succeed " + points + " points less often: review how "
                                + "they are written";
            case Finding.FRAMEWORK:
                if (f.raw() != null) {
                    return better
                            ? "Prefer framework '" + f.name() + "' for the task types it serves: " + points
                                    + " points above the other frameworks on the same task types"
                            : "Review framework '" + f.name() + "': " + points
                                    + " points below the other frameworks on the same task types";
                }
                return better
                        ? "Prefer framework '" + f.name() + "' where it fits: " + points + " points above the rest"
                        : "Review framework '" + f.name() + "': " + points + " points below the rest";
            case Finding.MODEL:
                return better
                        ? "Model '" + f.name() + "' succeeds " + points + " points more often than the others"
                        : "Model '" + f.name() + "' succeeds " + points + " points less often than the others: "
                                + "consider another model for its tasks";
            case Finding.TAG:
                return better
                        ? "Entries tagged '" + f.name() + "' succeed " + points + " points more often: reuse what works there"
                        : "Entries tagged '" + f.name() + "' succeed " + points + " points less often: look into them";
            case Finding.PHRASE:
                return "Prompts containing \"" + f.name() + "\" succeed " + points + " points "
                        + (better ? "more" : "less") + " often" + (better ? "" : ": review them");
            default:
                return f.kind() + " " + f.name() + ": " + (better ? "+" : "-") + points + " points";
        }
    }

    /**
     * A finding within one task type: never a switch across task types ("for code tasks, framework
     * 'few-shot' does 12.0 points better than the others").
     */
    static String forTaskType(Finding f) {
        boolean better = f.effect() > 0;
        String points = points(Math.abs(f.effect()));
        String where = "For " + f.taskType() + " tasks, ";
        String how = points + " points " + (better ? "better" : "worse");
        switch (f.kind()) {
            case Finding.FRAMEWORK:
                return where + "framework '" + f.name() + "' does " + how + " than the other frameworks"
                        + (better ? ": prefer it there" : ": use another one there");
            case Finding.MODEL:
                return where + "model '" + f.name() + "' does " + how + " than the other models";
            case Finding.TAG:
                return where + "entries tagged '" + f.name() + "' do " + how + " than the rest";
            case Finding.FEATURE:
                Optional<LengthRange> length = LengthRange.of(f.name());
                return length.isPresent()
                        ? where + "prompts of " + length.get().chars() + " do " + how + " than the rest"
                        : where + "prompts with " + noun(f.name()) + " do " + how + " than those without";
            default:
                return where + f.kind() + " '" + f.name() + "' does " + how + " than the rest";
        }
    }

    /** A prompt feature's label as it reads in a sentence. */
    static String noun(String label) {
        switch (label) {
            case "format spec":
                return "an output format";
            case "code block":
                return "code blocks";
            case "question":
                return "a question at the end";
            case "context":
                return "context about the situation";
            default:
                return label;
        }
    }

    /** "with 62.1% of 1,234 [59.4%, 64.7%] vs 41.0% of 8,766 [...]; +21.1 points [18.2, 24.0]; q = 0.0001". */
    public static String evidence(Finding f) {
        String plain = String.format(Locale.ROOT, "with: %s of %,d %s; without: %s of %,d %s; ",
                pct(f.rateWith()), f.support(), range(f.ciWith()), pct(f.rateWithout()), f.supportWithout(),
                range(f.ciWithout()));
        if (f.raw() == null) {
            return plain + String.format(Locale.ROOT, "difference %s points %s; p = %s, q = %s",
                    signedPoints(f.effect()), pointRange(f.ci()), p(f.pValue()), p(f.qValue()));
        }
        return plain + String.format(Locale.ROOT, "within task types %s points %s (Mantel-Haenszel), p = %s, q = %s; "
                        + "raw difference %s points %s, p = %s", signedPoints(f.effect()), pointRange(f.ci()),
                p(f.pValue()), p(f.qValue()), signedPoints(f.raw().effect()), pointRange(f.raw().ci()),
                p(f.raw().pValue())) + (f.note() == null ? "" : "; " + f.note());
    }

    private static Recommendation moreData(List<Finding> findings, Tally overall, int minSupport) {
        long perGroup = Proportions.sampleSizeFor10Points(overall.successRate());
        long smallest = findings.stream().mapToLong(f -> Math.min(f.support(), f.supportWithout())).max().orElse(0);
        String text = findings.isEmpty()
                ? "Collect more feedback: there is nothing to compare yet"
                : "Collect more feedback before changing prompts: no difference is significant yet";
        String evidence = String.format(Locale.ROOT, "%,d entries at a success rate of %s. Detecting a 10-point "
                        + "difference (80%% power, 5%% level) needs about %,d entries in each group compared: "
                        + "%,d entries in all for a feature found in half of the prompts. The best-balanced "
                        + "comparison now has %,d entries on its smaller side; groups under %d entries are never "
                        + "called significant", overall.count(), pct(overall.successRate()), perGroup,
                2 * perGroup, smallest, minSupport);
        return new Recommendation(text, evidence);
    }

}
