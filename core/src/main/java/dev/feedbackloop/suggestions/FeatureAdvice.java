package dev.feedbackloop.suggestions;

import dev.feedbackloop.capture.PromptFeature;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What to tell a user about one prompt feature the analysis found to matter.
 *
 * @param add      technique when prompts with the feature do better
 * @param reduce   technique when prompts with the feature do worse
 * @param line     text a rule-based rewrite adds for it, with placeholders in angle brackets; null when
 *                 the feature cannot be added by appending text
 * @param prefix   true when {@code line} goes before the prompt rather than after it
 */
record FeatureAdvice(PromptFeature feature, String add, String reduce, String line, boolean prefix) {


    static FeatureAdvice of(PromptFeature f) {
        return switch (f) {
            case EXAMPLES -> new FeatureAdvice(f, "Include an example of what you want",
                    "Check that your examples fit the task", "For example: <a short sample of the answer you want>", false);
            case CONSTRAINTS -> new FeatureAdvice(f, "State constraints: length, scope, what to avoid",
                    "Loosen or reconcile the constraints", "Constraints: <length limit, scope, what to leave out>", false);
            case STEPS -> new FeatureAdvice(f, "Ask for the work step by step",
                    "Drop the step-by-step instruction where a direct answer is wanted", "Work through it step by step.",
                    false);
            case FORMAT_SPEC -> new FeatureAdvice(f, "Specify the output format",
                    "Relax the output format", "Format the answer as <a bulleted list, a table, JSON, ...>.", false);
            case CONTEXT -> new FeatureAdvice(f, "Give context: who it is for and what it is for",
                    "Trim the background to what the task needs", "Context: <who this is for and what it will be used for>",
                    true);
            case CODE_BLOCK -> new FeatureAdvice(f, "Put code and data in fenced code blocks",
                    "Quote less code: only the part the question is about", null, false);
            case QUESTION -> new FeatureAdvice(f, "End with one clear question",
                    "State the task as an instruction rather than a question", null, false);
        };
    }

    /** The feature a finding names, by label ("format spec") or constant name ("FORMAT_SPEC"). */
    static Optional<PromptFeature> feature(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ');
        return Arrays.stream(PromptFeature.values())
                .filter(f -> f.label().equals(wanted) || f.name().toLowerCase(Locale.ROOT).replace('_', ' ').equals(wanted))
                .findFirst();
    }
}
