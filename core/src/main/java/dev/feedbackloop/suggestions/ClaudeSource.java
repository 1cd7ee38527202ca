package dev.feedbackloop.suggestions;

import dev.feedbackloop.privacy.MaskCounts;
import dev.feedbackloop.privacy.Redactor;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Suggestions and rewrites from Claude through the Messages API. The user message carries the
 * analysis and a few failed prompts; with {@link ClaudeSettings#mask()} it is masked by
 * {@link Redactor} before it is sent. Thread-safe; every call opens its own HTTP client.
 */
public final class ClaudeSource implements SuggestionSource {
    private final ClaudeSettings settings;
    private final Redactor redactor;
    private final Clock clock;
    private final Consumer<String> progress;

    /** @param progress told (one line of text) when a request is about to be sent; for people waiting */
    public ClaudeSource(ClaudeSettings settings, Redactor redactor, Clock clock, Consumer<String> progress) {
        this.settings = settings;
        this.redactor = redactor;
        this.clock = clock;
        this.progress = progress;
    }

    public ClaudeSource(ClaudeSettings settings, Redactor redactor, Clock clock) {
        this(settings, redactor, clock, line -> { });
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

    @Override
    public Sourced<List<Suggestion>> suggest(Evidence evidence, int limit) {
        requireKey();
        Redactor.Redaction request = prepare(ClaudePrompts.suggestions(evidence, limit));
        String answer = call(request.text());
        return new Sourced<>(AnswerParser.suggestions(answer, limit), request.counts());
    }

    @Override
    public Sourced<Rewrite> rewrite(Evidence evidence, String prompt) {
        requireKey();
        Redactor.Redaction request = prepare(ClaudePrompts.rewrite(evidence, prompt));
        String answer = call(request.text());
        return new Sourced<>(AnswerParser.rewrite(prompt, answer), request.counts());
    }

    /** Without a key there is nothing to ask: fail before building (and masking) the request. */
    private void requireKey() {
        if (settings.apiKey() == null) {
            throw new SourceUnavailableException(SourceUnavailableException.NO_KEY, "ANTHROPIC_API_KEY is not set");
        }
    }

    private String call(String userMessage) {
        progress.accept("Asking " + settings.model() + " (up to " + DeadlineSleeper.seconds(settings.overallTimeout())
                + ")...");
        return ClaudeCall.complete(settings, ClaudePrompts.SYSTEM, userMessage, clock);
    }

    private Redactor.Redaction prepare(String userMessage) {
        return settings.mask() ? redactor.redact(userMessage) : new Redactor.Redaction(userMessage, MaskCounts.NONE);
    }
}
