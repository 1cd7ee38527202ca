package dev.feedbackloop.suggestions;

import static dev.feedbackloop.analysis.Figures.pct;
import static dev.feedbackloop.suggestions.ClaudePrompts.quote;
import static dev.feedbackloop.suggestions.ClaudePrompts.reference;

import dev.feedbackloop.analysis.Figures;
import dev.feedbackloop.analysis.Finding;
import dev.feedbackloop.analysis.GroupPerformance;
import dev.feedbackloop.analysis.LengthRange;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.capture.Outcome;
import dev.feedbackloop.capture.PromptFeature;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What one finding (or distinctive failure phrase) becomes as a suggestion, with its evidence and an
 * example from the user's own entries. Stateless.
 */
final class FindingAdvice {
    static final int EXAMPLE_CHARS = 200;
    static final String WORKED = "From your prompts that worked";
    static final String FAILED = "A prompt that failed";
    static final int MAX_ALTERNATIVES = 3;

    private FindingAdvice() {
    }

    /**
     * Empty when the finding calls for nothing: a tag or phrase that does well (a phrase of successes
     * mostly echoes a feature, like "case" in "for example, show one case"), a winner already named.
     */
    static Optional<Suggestion> of(Finding f, Evidence ev, List<Suggestion> soFar) {
        boolean helps = f.effect() > 0;
        String evidence = evidenceOf(f);
        switch (f.kind()) {
            case Finding.FEATURE: {
                Optional<PromptFeature> feature = FeatureAdvice.feature(f.name());
                if (feature.isPresent()) {
                    FeatureAdvice advice = FeatureAdvice.of(feature.get());
                    Predicate<FeedbackEntry> has = e -> feature.get().in(e.promptFeatures());
                    if (!helps) {
                        return Optional.of(new Suggestion(advice.reduce(), evidence, example(ev.failed(), has, FAILED),
                                reference(f)));
                    }
                    String example = example(ev.successful(), has, WORKED);
                    return Optional.of(new Suggestion(advice.add(), evidence, example != null ? example : advice.line(),
                            reference(f)));
                }
                return Optional.of(LengthRange.of(f.name())
                        .map(range -> helps
                                ? new Suggestion("Write prompts of " + range.text(), evidence,
                                        example(ev.successful(), e -> range.contains(e.prompt()), WORKED), reference(f))
                                : new Suggestion("Avoid prompts of " + range.text(), evidence,
                                        example(ev.failed(), e -> range.contains(e.prompt()), FAILED), reference(f)))
                        .orElseGet(() -> new Suggestion((helps ? "Use " : "Avoid ") + f.name(), evidence, null,
                                reference(f))));
            }
            case Finding.FRAMEWORK:
            case Finding.MODEL:
                return switchGroup(f, ev, soFar, evidence);
            case Finding.PHRASE: {
                Predicate<FeedbackEntry> has = e -> contains(e.prompt(), f.name()) || contains(e.notes(), f.name());
                if (helps) {
                    return Optional.empty();
                }
                return Optional.of(clarify(f.name(), evidence, example(ev.failed(), has, FAILED), reference(f)));
            }
            case Finding.TAG:
                return helps ? Optional.empty() : Optional.of(new Suggestion("Rework the prompts tagged \"" + f.name()
                        + "\"", evidence, example(ev.failed(), e -> e.tags().contains(f.name()), FAILED), reference(f)));
            default:
                return Optional.of(new Suggestion((helps ? "Do more of " : "Do less of ") + f.kind() + " \"" + f.name()
                        + "\"", evidence, null, reference(f)));
        }
    }

    /** A phrase typical of failures: in notes, what the prompt should have asked for; in prompts, clarify it. */
    static Suggestion of(FailurePhrases.Phrase p, Evidence ev) {
        if (p.inNotes()) {
            return new Suggestion("Say what a finished answer must contain (failed outputs were noted \"" + p.text()
                    + "\")", p.evidence() + ". Put in the prompt what would have avoided this remark",
                    example(ev.failed(), e -> contains(e.notes(), p.text()), FAILED), "failure phrase \"" + p.text() + "\"");
        }
        return clarify(p.text(), p.evidence(), example(ev.failed(), e -> contains(e.prompt(), p.text()), FAILED),
                "failure phrase \"" + p.text() + "\"");
    }

    /** A vague phrase in failing prompts: say exactly what is meant instead. */
    private static Suggestion clarify(String phrase, String evidence, String example, String addresses) {
        return new Suggestion("Clarify what you mean by \"" + phrase + "\"",
                evidence + ". Replace it with the exact output you expect (what, how long, in what form)", example,
                addresses);
    }

    /** Whether a suggestion already made names {@code name} (in quotes). */
    static boolean named(List<Suggestion> made, String name) {
        return made.stream().anyMatch(s -> s.technique().contains("\"" + name + "\""));
    }

    /** A failing framework or model: switch to the best one with enough data; a winning one: use it more. */
    private static Optional<Suggestion> switchGroup(Finding f, Evidence ev, List<Suggestion> soFar, String evidence) {
        if (f.taskType() != null || f.raw() != null) {
            return withinTaskTypes(f, ev, soFar, evidence);
        }
        boolean framework = Finding.FRAMEWORK.equals(f.kind());
        Map<String, GroupPerformance> groups = framework ? ev.analysis().frameworkPerformance()
                : ev.analysis().modelPerformance();
        Predicate<FeedbackEntry> uses = e -> f.name().equals(framework ? e.framework() : e.model());
        if (f.effect() > 0) {
            return named(soFar, f.name()) ? Optional.empty() : Optional.of(new Suggestion("Use the " + f.kind() + " \"" + f.name()
                    + "\" more", evidence, example(ev.successful(), uses, WORKED), reference(f)));
        }
        List<Map.Entry<String, GroupPerformance>> better = better(groups, f.name(), f.rateWith());
        if (better.isEmpty()) {
            return Optional.of(new Suggestion("Revise how you prompt with the " + f.kind() + " \"" + f.name() + "\"",
                    evidence + "; no other " + f.kind() + " has enough entries to recommend instead",
                    example(ev.failed(), uses, FAILED), reference(f)));
        }
        String to = better.get(0).getKey();
        String alternatives = better.stream().map(ClaudePrompts::group).collect(Collectors.joining(", "));
        Predicate<FeedbackEntry> usesBest = e -> to.equals(framework ? e.framework() : e.model());
        return Optional.of(new Suggestion("Switch from the " + f.kind() + " \"" + f.name() + "\" to \"" + to + "\"",
                evidence + "; doing better with enough entries: " + alternatives
                        + (better.size() > 1 ? " (overall rates: pick the one that fits the task)" : ""),
                example(ev.successful(), usesBest, "A prompt with \"" + to + "\" that worked"), reference(f)));
    }

    /**
     * A framework or model compared within task types: advice for the task type it was found in, or
     * (pooled over task types) for the task types it serves; never a switch to a group that serves
     * other task types. Within one task type, a failing group is compared with the best significant
     * one of the same type: "For code tasks, "few-shot" does better than "direct-answer"".
     */
    private static Optional<Suggestion> withinTaskTypes(Finding f, Evidence ev, List<Suggestion> soFar,
            String evidence) {
        boolean framework = Finding.FRAMEWORK.equals(f.kind());
        Predicate<FeedbackEntry> uses = e -> f.name().equals(framework ? e.framework() : e.model());
        String group = "the " + f.kind() + " \"" + f.name() + "\"";
        if (f.taskType() == null) {
            String text = f.effect() > 0
                    ? "Use " + group + " more for the task types it already serves"
                    : "Try other " + f.kind() + "s for the task types " + group + " serves";
            return f.effect() > 0 && named(soFar, f.name()) ? Optional.empty() : Optional.of(new Suggestion(text,
                    evidence + "; compared with the other " + f.kind() + "s on the same task types",
                    example(f.effect() > 0 ? ev.successful() : ev.failed(), uses, f.effect() > 0 ? WORKED : FAILED),
                    reference(f)));
        }
        String where = "For " + f.taskType() + " tasks, ";
        if (f.effect() > 0) {
            return Optional.of(new Suggestion(where + "use " + group, evidence, example(ev.successful(), uses, WORKED),
                    reference(f)));
        }
        Optional<Finding> best = ev.significantFindings().stream()
                .filter(o -> f.taskType().equals(o.taskType()) && o.kind().equals(f.kind()) && o.effect() > 0)
                .max(Comparator.comparingDouble(Finding::effect));
        return Optional.of(new Suggestion(best
                .map(b -> where + "\"" + b.name() + "\" does better than \"" + f.name() + "\": use it there")
                .orElse(where + "revise how you prompt with " + group), evidence,
                example(ev.failed(), uses, FAILED), reference(f)));
    }

    /**
     * Up to {@link #MAX_ALTERNATIVES} groups other than {@code except} with enough data and a success rate
     * above {@code rate}, best first.
     */
    static List<Map.Entry<String, GroupPerformance>> better(Map<String, GroupPerformance> groups, String except,
                                                            double rate) {
        if (groups == null) {
            return List.of();
        }
        return groups.entrySet().stream()
                .filter(e -> !e.getKey().equals(except) && e.getValue().enoughData() && e.getValue().successRate() > rate)
                .sorted(Comparator.comparingDouble((Map.Entry<String, GroupPerformance> e) -> -e.getValue().successRate())
                        .thenComparingLong(e -> -e.getValue().count()))
                .limit(MAX_ALTERNATIVES)
                .toList();
    }

    /** "feature "examples": 78.0% success with vs 41.0% without (+37.0 points, n=120, q=0.0010)". */
    static String evidenceOf(Finding f) {
        return String.format(Locale.ROOT, "%s: %s success with vs %s without (%s points, n=%d, q=%s)",
                reference(f), pct(f.rateWith()), pct(f.rateWithout()), Figures.signedPoints(f.effect()),
                f.support(), Figures.p(f.qValue()));
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
