package dev.feedbackloop.suggestions;

import static dev.feedbackloop.suggestions.FindingAdvice.contains;
import static dev.feedbackloop.suggestions.FindingAdvice.evidenceOf;

import dev.feedbackloop.analysis.Finding;
import dev.feedbackloop.analysis.LengthRange;
import dev.feedbackloop.capture.PromptFeature;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites one prompt by rules: adds the features that significantly help and the prompt lacks (as
 * lines with angle-bracket placeholders the user fills in, since rules cannot know the content), and
 * flags what the prompt contains that significantly fails (phrases, features, the framework asked
 * about), without guessing a replacement. Of the prompt-length groups only the strongest helping and
 * the strongest hurting one count. Stateless.
 */
final class RuleRewriter {
    private RuleRewriter() {
    }

    static Rewrite rewrite(Evidence evidence, String prompt) {
        String original = prompt.strip();
        int present = PromptFeature.detect(original);
        Map<PromptFeature, Finding> toAdd = new EnumMap<>(PromptFeature.class);
        List<Rewrite.Change> flagged = new ArrayList<>();
        Set<Boolean> lengthFlagged = new HashSet<>();
        for (Finding f : evidence.significantFindings()) {
            switch (f.kind()) {
                case Finding.FEATURE -> {
                    Optional<PromptFeature> feature = FeatureAdvice.feature(f.name());
                    if (feature.isEmpty()) {
                        Optional<LengthRange> range = LengthRange.of(f.name());
                        boolean helps = f.effect() > 0;
                        if (range.isEmpty() || lengthFlagged.contains(helps)) {
                            continue;
                        }
                        boolean inRange = range.get().contains(original);
                        if (helps && !inRange) {
                            flagged.add(new Rewrite.Change("To do: aim for " + range.get().text() + " (this prompt has "
                                    + original.length() + ")", evidenceOf(f)));
                        } else if (!helps && inRange) {
                            flagged.add(new Rewrite.Change("To review: prompts of " + range.get().text()
                                    + " did worse (this prompt has " + original.length() + ")", evidenceOf(f)));
                        }
                        lengthFlagged.add(helps);
                        continue;
                    }
                    FeatureAdvice advice = FeatureAdvice.of(feature.get());
                    boolean has = feature.get().in(present);
                    if (f.effect() > 0 && !has && advice.line() != null) {
                        toAdd.putIfAbsent(feature.get(), f);
                    } else if (f.effect() > 0 && !has) {
                        flagged.add(new Rewrite.Change("To do: " + advice.add().toLowerCase(java.util.Locale.ROOT),
                                evidenceOf(f)));
                    } else if (f.effect() < 0 && has) {
                        flagged.add(new Rewrite.Change("To review: " + advice.reduce().toLowerCase(java.util.Locale.ROOT),
                                evidenceOf(f)));
                    }
                }
                case Finding.PHRASE -> {
                    if (f.effect() < 0 && contains(original, f.name())) {
                        flagged.add(new Rewrite.Change("To review: say exactly what you mean by \"" + f.name() + "\"",
                                evidenceOf(f)));
                    }
                }
                case Finding.FRAMEWORK -> {
                    if (f.effect() < 0 && f.name().equals(evidence.framework())) {
                        List<String> better = FindingAdvice.better(evidence.analysis().frameworkPerformance(), f.name(),
                                f.rateWith()).stream().limit(2).map(e -> "\"" + e.getKey() + "\"").toList();
                        String instead = better.isEmpty() ? "revise how this prompt uses the framework \"" + f.name() + "\""
                                : "use the framework " + String.join(" or ", better) + " instead of \"" + f.name() + "\"";
                        flagged.add(new Rewrite.Change("To do: " + instead, evidenceOf(f)));
                    }
                }
                default -> {
                }
            }
        }
        StringBuilder before = new StringBuilder();
        StringBuilder after = new StringBuilder();
        List<Rewrite.Change> changes = new ArrayList<>();
        List<Map.Entry<PromptFeature, Finding>> additions = toAdd.entrySet().stream()
                .sorted(Comparator.comparing(e -> !FeatureAdvice.of(e.getKey()).prefix())).toList();
        for (Map.Entry<PromptFeature, Finding> e : additions) {
            FeatureAdvice advice = FeatureAdvice.of(e.getKey());
            (advice.prefix() ? before : after).append(advice.line()).append('\n');
            changes.add(new Rewrite.Change("Added " + (advice.prefix() ? "before" : "after") + " the prompt: "
                    + advice.line(), evidenceOf(e.getValue())));
        }
        changes.addAll(flagged);
        String rewritten = (before.length() > 0 ? before + "\n" : "") + original
                + (after.length() > 0 ? "\n\n" + after.toString().strip() : "");
        return new Rewrite(original, rewritten, changes);
    }
}
