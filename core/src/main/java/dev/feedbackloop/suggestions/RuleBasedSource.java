package dev.feedbackloop.suggestions;

import static dev.feedbackloop.suggestions.ClaudePrompts.pct;
import static dev.feedbackloop.suggestions.ClaudePrompts.quote;
import static dev.feedbackloop.suggestions.ClaudePrompts.reference;

import dev.feedbackloop.analysis.Finding;
import dev.feedbackloop.analysis.GroupPerformance;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.capture.Outcome;
import dev.feedbackloop.capture.PromptFeature;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Suggestions derived from the analysis without any network: each significant finding becomes
 * advice with its evidence (a feature that helps: add it, with an example from the user's own
 * successful prompts; a framework or model that fails: switch, naming the best one; a phrase common
 * in failures: clarify it). Without significant findings it compares recent failed and successful
 * prompts and says the evidence is weak. Never throws; stateless and thread-safe.
 */
public final class RuleBasedSource implements SuggestionSource {
    static final int EXAMPLE_CHARS = 200;
    /** Minimum share difference between successful and failed prompts for a weak-evidence suggestion. */
    static final double WEAK_GAP = 0.25;
    static final int WEAK_MIN_EXAMPLES = 3;

    @Override
    public String name() {
        return Provenance.RULES;
    }

    @Override
    public Optional<String> model() {
        return Optional.empty();
    }

    @Override
    public String fingerprint() {
        return "rules;v1";
    }

    @Override
    public Sourced<List<Suggestion>> suggest(Evidence evidence, int limit) {
        List<Suggestion> out = new ArrayList<>();
        List<Finding> findings = new ArrayList<>(evidence.significantFindings());
        if (evidence.framework() != null) {
            findings.sort(Comparator.comparing(f -> !("framework".equals(f.kind()) && f.name().equals(evidence.framework()))));
        }
        for (Finding f : findings) {
            fromFinding(f, evidence, out).ifPresent(out::add);
        }
        if (findings.isEmpty()) {
            out.addAll(weakEvidence(evidence));
        }
        return new Sourced<>(List.copyOf(out.subList(0, Math.min(limit, out.size()))), MaskCounts.NONE);
    }

    @Override
    public Sourced<Rewrite> rewrite(Evidence evidence, String prompt) {
        return new Sourced<>(RuleRewriter.rewrite(evidence, prompt), MaskCounts.NONE);
    }

    private Optional<Suggestion> fromFinding(Finding f, Evidence ev, List<Suggestion> soFar) {
        boolean helps = f.effect() > 0;
        String evidence = evidenceOf(f);
        switch (f.kind()) {
            case "feature": {
                Optional<PromptFeature> feature = FeatureAdvice.feature(f.name());
                if (feature.isEmpty()) {
                    return Optional.of(FeatureAdvice.lengthRange(f.name())
                            .map(range -> helps
                                    ? new Suggestion("Write prompts of about " + range.text(), evidence,
                                            example(ev.successful(), e -> range.contains(e.prompt()),
                                                    "From your prompts that worked"), reference(f))
                                    : new Suggestion("Avoid prompts of " + range.text(), evidence,
                                            example(ev.failed(), e -> range.contains(e.prompt()), "A prompt that failed"),
                                            reference(f)))
                            .orElseGet(() -> new Suggestion((helps ? "Use " : "Avoid ") + f.name(), evidence, null,
                                    reference(f))));
                }
                FeatureAdvice advice = FeatureAdvice.of(feature.get());
                if (!helps) {
                    return Optional.of(new Suggestion(advice.reduce(), evidence,
                            example(ev.failed(), e -> feature.get().in(e.promptFeatures()), "A prompt with it that failed"),
                            reference(f)));
                }
                String example = example(ev.successful(), e -> feature.get().in(e.promptFeatures()),
                        "From your prompts that worked");
                return Optional.of(new Suggestion(advice.add(), evidence,
                        example != null ? example : advice.line(), reference(f)));
            }
            case "framework":
            case "model":
                return switchGroup(f, ev, soFar, evidence);
            case "phrase": {
                Predicate<FeedbackEntry> has = e -> contains(e.prompt(), f.name()) || contains(e.notes(), f.name());
                if (helps) {
                    return Optional.of(new Suggestion("Keep saying what \"" + f.name() + "\" says", evidence,
                            example(ev.successful(), has, "From your prompts that worked"), reference(f)));
                }
                return Optional.of(new Suggestion("Clarify what you mean by \"" + f.name() + "\"",
                        evidence + ". Replace it with the exact output you expect (what, how long, in what form)",
                        example(ev.failed(), has, "A prompt that failed"), reference(f)));
            }
            case "tag": {
                if (helps) {
                    return Optional.empty();
                }
                return Optional.of(new Suggestion("Rework the prompts tagged \"" + f.name() + "\"", evidence,
                        example(ev.failed(), e -> e.tags().contains(f.name()), "A prompt that failed"), reference(f)));
            }
            default:
                return Optional.of(new Suggestion((helps ? "Do more of " : "Do less of ") + f.kind() + " \"" + f.name()
                        + "\"", evidence, null, reference(f)));
        }
    }

    /** A failing framework or model: switch to the best one with enough data; a winning one: use it more. */
    private Optional<Suggestion> switchGroup(Finding f, Evidence ev, List<Suggestion> soFar, String evidence) {
        boolean framework = "framework".equals(f.kind());
        Map<String, GroupPerformance> groups = framework ? ev.analysis().frameworkPerformance()
                : ev.analysis().modelPerformance();
        Predicate<FeedbackEntry> uses = e -> f.name().equals(framework ? e.framework() : e.model());
        if (f.effect() > 0) {
            boolean named = soFar.stream().anyMatch(s -> s.technique().contains("\"" + f.name() + "\""));
            return named ? Optional.empty() : Optional.of(new Suggestion("Use the " + f.kind() + " \"" + f.name()
                    + "\" more", evidence, example(ev.successful(), uses, "From your prompts that worked"), reference(f)));
        }
        Optional<Map.Entry<String, GroupPerformance>> best = best(groups, f.name());
        if (best.isEmpty() || best.get().getValue().successRate() <= f.rateWith()) {
            return Optional.of(new Suggestion("Revise how you prompt with the " + f.kind() + " \"" + f.name() + "\"",
                    evidence + "; no other " + f.kind() + " has enough entries to recommend instead",
                    example(ev.failed(), uses, "A prompt that failed"), reference(f)));
        }
        String to = best.get().getKey();
        GroupPerformance g = best.get().getValue();
        Predicate<FeedbackEntry> usesBest = e -> to.equals(framework ? e.framework() : e.model());
        return Optional.of(new Suggestion("Switch from the " + f.kind() + " \"" + f.name() + "\" to \"" + to + "\"",
                evidence + String.format(Locale.ROOT, "; \"%s\" succeeded %s (n=%d)", to, pct(g.successRate()), g.count()),
                example(ev.successful(), usesBest, "A prompt with \"" + to + "\" that worked"), reference(f)));
    }

    /** With no significant findings: features much more common in recent successes than failures. */
    private List<Suggestion> weakEvidence(Evidence ev) {
        if (ev.successful().size() < WEAK_MIN_EXAMPLES || ev.failed().size() < WEAK_MIN_EXAMPLES) {
            return List.of();
        }
        List<Suggestion> out = new ArrayList<>();
        for (PromptFeature feature : PromptFeature.values()) {
            double inSuccess = share(ev.successful(), feature);
            double inFailure = share(ev.failed(), feature);
            if (inSuccess - inFailure >= WEAK_GAP) {
                FeatureAdvice advice = FeatureAdvice.of(feature);
                String example = example(ev.successful(), e -> feature.in(e.promptFeatures()), "From your prompts that worked");
                out.add(new Suggestion(advice.add(), String.format(Locale.ROOT,
                        "Weak evidence, not statistically tested: %s of your %d recent successful prompts have %s, "
                                + "against %s of your %d recent failed ones", pct(inSuccess), ev.successful().size(),
                        feature.label(), pct(inFailure), ev.failed().size()),
                        example != null ? example : advice.line(), null));
            }
        }
        return out;
    }

    private static double share(List<FeedbackEntry> entries, PromptFeature feature) {
        return entries.stream().filter(e -> feature.in(e.promptFeatures())).count() / (double) entries.size();
    }

    static Optional<Map.Entry<String, GroupPerformance>> best(Map<String, GroupPerformance> groups, String except) {
        if (groups == null) {
            return Optional.empty();
        }
        return groups.entrySet().stream()
                .filter(e -> !e.getKey().equals(except) && e.getValue().enoughData())
                .max(Comparator.comparingDouble((Map.Entry<String, GroupPerformance> e) -> e.getValue().successRate())
                        .thenComparingLong(e -> e.getValue().count()));
    }

    /** "feature "examples": 78.0% with vs 41.0% without (n=120, q=0.0010)". */
    static String evidenceOf(Finding f) {
        return String.format(Locale.ROOT, "%s: %s success with vs %s without (%s points, n=%d, q=%.4f)",
                reference(f), pct(f.rateWith()), pct(f.rateWithout()), ClaudePrompts.points(f.effect()),
                f.support(), f.qValue());
    }

    /**
     * The most telling matching entry (with notes, most extreme rating, shortest) as a labelled, truncated
     * quote; notes are shown for entries that did not succeed. Null when none matches.
     */
    static String example(List<FeedbackEntry> entries, Predicate<FeedbackEntry> matches, String label) {
        return entries.stream().filter(matches)
                .min(Comparator.comparing((FeedbackEntry e) -> e.notes() == null)
                        .thenComparingInt(e -> -Math.abs(e.rating() - 3))
                        .thenComparingInt(e -> e.prompt().length()))
                .map(e -> label + ": " + quote(e.prompt(), EXAMPLE_CHARS)
                        + (e.notes() != null && e.outcome() != Outcome.POSITIVE ? " (notes: " + quote(e.notes(), 120) + ")" : ""))
                .orElse(null);
    }

    static boolean contains(String text, String phrase) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(phrase.toLowerCase(Locale.ROOT));
    }
}
