package dev.feedbackloop.suggestions;

import dev.feedbackloop.InvalidInputException;

/**
 * One prompt-improvement suggestion.
 *
 * @param technique what to do, in a few words; never blank
 * @param reasoning why, with the evidence; may be null when a model left it out
 * @param example   a short example prompt or excerpt showing the technique; may be null
 * @param addresses the finding it answers ({@code feature "examples"}, {@code framework "zero-shot"});
 *                  null when it answers none in particular
 */
public record Suggestion(String technique, String reasoning, String example, String addresses) {
    public Suggestion {
        if (technique == null || technique.isBlank()) {
            throw new InvalidInputException("a suggestion needs a technique");
        }
        technique = technique.strip();
        reasoning = blankToNull(reasoning);
        example = blankToNull(example);
        addresses = blankToNull(addresses);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
