package dev.feedbackloop.capture;

import dev.feedbackloop.InvalidInputException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An output shown to people who may rate it, kept by the server so that a vote sent from a browser
 * with a feedback token carries only the vote: the prompt, the output and the context come from here.
 *
 * @param outputId the application's id of the output (the same output keeps one id)
 */
public record RatedOutput(String outputId, String prompt, String output, Map<String, Object> context, Instant createdAt) {
    public RatedOutput {
        if (outputId == null || outputId.isBlank() || outputId.length() > 200) {
            throw new InvalidInputException("output_id is required: 1-200 characters", "output_id");
        }
        FeedbackEntry.requireText(prompt, "prompt");
        FeedbackEntry.requireText(output, "output");
        // a context may hold JSON nulls, which Map.copyOf refuses
        context = context == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(context));
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Same prompt, output and context: keeping it again is a no-op. */
    public boolean sameContentAs(RatedOutput other) {
        return prompt.equals(other.prompt) && output.equals(other.output)
                && dev.feedbackloop.internal.Json.write(new java.util.TreeMap<>(context))
                        .equals(dev.feedbackloop.internal.Json.write(new java.util.TreeMap<>(other.context)));
    }
}
