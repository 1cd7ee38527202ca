package dev.feedbackloop.suggestions;

import dev.feedbackloop.privacy.MaskCounts;
import java.util.List;
import java.util.Optional;

/**
 * Where suggestions come from: Claude ({@link ClaudeSource}) or rules over the analysis
 * ({@link RuleBasedSource}).
 */
public interface SuggestionSource {

    /** {@link Provenance#CLAUDE} or {@link Provenance#RULES}. */
    String name();

    /** The model that answers; empty for rules. */
    Optional<String> model();

    /**
     * Everything besides the evidence that shapes this source's answers (model, masking): part of the
     * cache key, so a change of either asks again instead of reusing a stored answer.
     */
    String fingerprint();

    /**
     * At most {@code limit} suggestions for the evidence, strongest first.
     *
     * @throws SourceUnavailableException when this source cannot answer (rules never throw)
     */
    Sourced<List<Suggestion>> suggest(Evidence evidence, int limit);

    /**
     * An improved version of {@code prompt} applying what the evidence shows.
     *
     * @throws SourceUnavailableException when this source cannot answer (rules never throw)
     */
    Sourced<Rewrite> rewrite(Evidence evidence, String prompt);

    /** A source's answer and what was masked in the request that produced it. */
    record Sourced<T>(T value, MaskCounts masked) {
    }
}
