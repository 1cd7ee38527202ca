package dev.feedbackloop.suggestions;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Suggestions and rewrites from Claude through the Messages API. The user message carries the
 * analysis and a few failed prompts; with {@link ClaudeSettings#mask()} it is masked by
 * {@link Redactor} before it is sent. Thread-safe; every call opens its own HTTP client.
 */
public final class ClaudeSource implements SuggestionSource {
    private final ClaudeSettings settings;
    private final Redactor redactor;
    private final Clock clock;

    public ClaudeSource(ClaudeSettings settings, Redactor redactor, Clock clock) {
        this.settings = settings;
        this.redactor = redactor;
        this.clock = clock;
    }

    @Override
    public String name() {
        return Provenance.CLAUDE;
    }

    @Override
    public Optional<String> model() {
        return Optional.of(settings.model());
    }

    @Override
    public String fingerprint() {
        return "claude;model=" + settings.model() + ";mask=" + settings.mask() + ";max_tokens=" + settings.maxTokens();
    }

    public ClaudeSettings settings() {
        return settings;
    }

    @Override
    public Sourced<List<Suggestion>> suggest(Evidence evidence, int limit) {
        Redactor.Redaction request = prepare(ClaudePrompts.suggestions(evidence, limit));
        String answer = ClaudeCall.complete(settings, ClaudePrompts.SYSTEM, request.text(), clock);
        return new Sourced<>(AnswerParser.suggestions(answer, limit), request.counts());
    }

    @Override
    public Sourced<Rewrite> rewrite(Evidence evidence, String prompt) {
        Redactor.Redaction request = prepare(ClaudePrompts.rewrite(evidence, prompt));
        String answer = ClaudeCall.complete(settings, ClaudePrompts.SYSTEM, request.text(), clock);
        return new Sourced<>(AnswerParser.rewrite(prompt, answer), request.counts());
    }

    private Redactor.Redaction prepare(String userMessage) {
        return settings.mask() ? redactor.redact(userMessage) : new Redactor.Redaction(userMessage, MaskCounts.NONE);
    }
}
