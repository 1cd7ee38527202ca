package dev.feedbackloop.suggestions;

import dev.feedbackloop.InvalidInputException;
import java.time.Duration;
import java.util.Map;

/**
 * How to reach Claude.
 *
 * @param apiKey         from {@code ANTHROPIC_API_KEY}; null when unset (the source then reports "no key")
 * @param baseUrl        from {@code ANTHROPIC_BASE_URL} (a gateway, a test server); null = the SDK's default
 * @param attemptTimeout limit of one HTTP attempt (connect, send, answer); capped at {@code overallTimeout}
 * @param overallTimeout limit of the whole call including retries and their waits; a retry whose wait
 *                       (from {@code retry-after} or backoff) would end past it is not made
 * @param maxRetries     retries after the first attempt on 408, 409, 429, 5xx and connection failures
 * @param mask           mask e-mail addresses, phone numbers and secrets before sending
 */
public record ClaudeSettings(String apiKey, String baseUrl, String model, long maxTokens, Duration attemptTimeout,
                             Duration overallTimeout, int maxRetries, boolean mask) {

    /** The current Sonnet among the SDK's model constants ({@code Model.CLAUDE_SONNET_5_5}). */
    public static final String DEFAULT_MODEL = "claude-sonnet-5-5";
    public static final long DEFAULT_MAX_TOKENS = 4096;
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(90);
    public static final Duration DEFAULT_OVERALL_TIMEOUT = Duration.ofSeconds(120);
    public static final int DEFAULT_MAX_RETRIES = 2;

    public ClaudeSettings {
        apiKey = Suggestion.blankToNull(apiKey);
        baseUrl = Suggestion.blankToNull(baseUrl);
        if (model == null || model.isBlank()) {
            throw new InvalidInputException("model must not be empty");
        }
        model = model.strip();
        if (maxTokens < 1) {
            throw new InvalidInputException("max tokens must be at least 1, got " + maxTokens);
        }
        if (overallTimeout == null || overallTimeout.isNegative() || overallTimeout.isZero()) {
            throw new InvalidInputException("timeout must be positive, got " + overallTimeout);
        }
        if (attemptTimeout == null || attemptTimeout.isNegative() || attemptTimeout.isZero()) {
            throw new InvalidInputException("attempt timeout must be positive, got " + attemptTimeout);
        }
        attemptTimeout = attemptTimeout.compareTo(overallTimeout) > 0 ? overallTimeout : attemptTimeout;
        if (maxRetries < 0) {
            throw new InvalidInputException("retries must be 0 or more, got " + maxRetries);
        }
    }

    /** Defaults, with key and base URL read from {@code ANTHROPIC_API_KEY} and {@code ANTHROPIC_BASE_URL}. */
    public static ClaudeSettings fromEnvironment(Map<String, String> env) {
        return new ClaudeSettings(env.get("ANTHROPIC_API_KEY"), env.get("ANTHROPIC_BASE_URL"), DEFAULT_MODEL,
                DEFAULT_MAX_TOKENS, DEFAULT_ATTEMPT_TIMEOUT, DEFAULT_OVERALL_TIMEOUT, DEFAULT_MAX_RETRIES, true);
    }

    public ClaudeSettings withModel(String newModel) {
        return new ClaudeSettings(apiKey, baseUrl, newModel, maxTokens, attemptTimeout, overallTimeout, maxRetries, mask);
    }

    public ClaudeSettings withMask(boolean newMask) {
        return new ClaudeSettings(apiKey, baseUrl, model, maxTokens, attemptTimeout, overallTimeout, maxRetries, newMask);
    }

    /** Same settings with these limits (the attempt limit is capped at the overall one). */
    public ClaudeSettings withTimeouts(Duration attempt, Duration overall) {
        return new ClaudeSettings(apiKey, baseUrl, model, maxTokens, attempt, overall, maxRetries, mask);
    }

    public ClaudeSettings withMaxRetries(int retries) {
        return new ClaudeSettings(apiKey, baseUrl, model, maxTokens, attemptTimeout, overallTimeout, retries, mask);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "ClaudeSettings[apiKey=" + (apiKey == null ? "unset" : "***") + ", baseUrl=" + baseUrl + ", model="
                + model + ", maxTokens=" + maxTokens + ", attemptTimeout=" + attemptTimeout + ", overallTimeout="
                + overallTimeout + ", maxRetries=" + maxRetries + ", mask=" + mask + "]";
    }
}
