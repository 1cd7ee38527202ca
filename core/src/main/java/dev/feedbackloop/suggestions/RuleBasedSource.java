package dev.feedbackloop.suggestions;

import dev.feedbackloop.privacy.MaskCounts;
import static dev.feedbackloop.analysis.Figures.pct;

import dev.feedbackloop.analysis.Finding;
import dev.feedbackloop.analysis.LengthRange;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.capture.PromptFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Suggestions derived from the analysis without any network: each significant finding becomes
 * advice with its evidence (a feature that helps: add it, with an example from the user's own
 * successful prompts; a framework or model that fails: switch, naming the best one; a phrase typical
 * of failures: clarify it), see {@link FindingAdvice}. Kinds take turns so that a few strong tags do
 * not crowd out prompt advice: per round two prompt features (one of them at most a length), then
 * one each of framework, phrase, failure phrase, model, tag; the framework asked about goes first.
 * Phrases inside longer phrases of about the same support count once.
 * Without significant findings it compares recent failed and successful prompts and says the
 * evidence is weak. Never throws; stateless and thread-safe.
 */
public final class RuleBasedSource implements SuggestionSource {
    /** Minimum share difference between successful and failed prompts for a weak-evidence suggestion. */
    static final double WEAK_GAP = 0.25;
    static final int WEAK_MIN_EXAMPLES = 3;
    static final int MAX_FAILURE_PHRASES = 3;
    /** A longer phrase with at least this share of a shorter one's support echoes it. */
    static final double ECHO_SUPPORT = 0.8;
    private static final int ASKED = 0;
    private static final int FEATURE = 1;
    private static final int FRAMEWORK = 2;
    private static final int PHRASE = 3;
    private static final int FAILURE_PHRASE = 4;
    private static final int MODEL = 5;
    private static final int TAG = 6;
    private static final int OTHER = 7;
    /** Suggestions each kind contributes per round, by the constants above. */
    private static final int[] PER_ROUND = {1, 2, 1, 1, 1, 1, 1, 1};

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
        List<List<Suggestion>> byKind = new ArrayList<>();
        for (int i = 0; i < PER_ROUND.length; i++) {
            byKind.add(new ArrayList<>());
        }
        List<Suggestion> made = new ArrayList<>();
        boolean lengthDone = false;
        for (Finding f : withoutEchoedPhrases(evidence.significantFindings())) {
            boolean length = LengthRange.of(f.name()).isPresent();
            if (length && lengthDone) {
                continue;
            }
            Optional<Suggestion> s = FindingAdvice.of(f, evidence, made);
            if (s.isPresent()) {
                lengthDone |= length;
                made.add(s.get());
                byKind.get(kind(f, evidence)).add(s.get());
            }
        }
        for (FailurePhrases.Phrase p : FailurePhrases.distinct(evidence.analysis().commonNegativePatterns(),
                MAX_FAILURE_PHRASES)) {
            if (!FindingAdvice.named(made, p.text())) {
                byKind.get(FAILURE_PHRASE).add(FindingAdvice.of(p, evidence));
            }
        }
        List<Suggestion> out = takeTurns(byKind);
        if (evidence.significantFindings().isEmpty()) {
            out.addAll(weakEvidence(evidence));
        }
        return new Sourced<>(List.copyOf(out.subList(0, Math.min(limit, out.size()))), MaskCounts.NONE);
    }

    @Override
    public Sourced<Rewrite> rewrite(Evidence evidence, String prompt) {
        return new Sourced<>(RuleRewriter.rewrite(evidence, prompt), MaskCounts.NONE);
    }

    /**
     * Drops a phrase finding inside a longer one that goes the same way with about the same support
     * ("legacy" and "system" in "legacy system"): the same entries, said once.
     */
    static List<Finding> withoutEchoedPhrases(List<Finding> findings) {
        return findings.stream().filter(f -> !Finding.PHRASE.equals(f.kind()) || findings.stream().noneMatch(longer ->
                        Finding.PHRASE.equals(longer.kind()) && longer.name().length() > f.name().length()
                                && (" " + longer.name() + " ").contains(" " + f.name() + " ")
                                && Math.signum(longer.effect()) == Math.signum(f.effect())
                                && longer.support() >= ECHO_SUPPORT * f.support()))
                .toList();
    }

    private static int kind(Finding f, Evidence ev) {
        return switch (f.kind()) {
            case Finding.FRAMEWORK -> f.name().equals(ev.framework()) ? ASKED : FRAMEWORK;
            case Finding.FEATURE -> FEATURE;
            case Finding.PHRASE -> PHRASE;
            case Finding.MODEL -> MODEL;
            case Finding.TAG -> TAG;
            default -> OTHER;
        };
    }

    private static List<Suggestion> takeTurns(List<List<Suggestion>> byKind) {
        List<Suggestion> out = new ArrayList<>();
        int[] next = new int[byKind.size()];
        boolean added = true;
        while (added) {
            added = false;
            for (int k = 0; k < byKind.size(); k++) {
                for (int n = 0; n < PER_ROUND[k] && next[k] < byKind.get(k).size(); n++) {
                    out.add(byKind.get(k).get(next[k]++));
                    added = true;
                }
            }
        }
        return out;
    }

    /** With no significant findings: features much more common in recent successes than failures. */
    private static List<Suggestion> weakEvidence(Evidence ev) {
        if (ev.successful().size() < WEAK_MIN_EXAMPLES || ev.failed().size() < WEAK_MIN_EXAMPLES) {
            return List.of();
        }
        List<Suggestion> out = new ArrayList<>();
        for (PromptFeature feature : PromptFeature.values()) {
            double inSuccess = share(ev.successful(), feature);
            double inFailure = share(ev.failed(), feature);
            if (inSuccess - inFailure >= WEAK_GAP) {
                FeatureAdvice advice = FeatureAdvice.of(feature);
                String example = FindingAdvice.example(ev.successful(), e -> feature.in(e.promptFeatures()),
                        FindingAdvice.WORKED);
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
}
