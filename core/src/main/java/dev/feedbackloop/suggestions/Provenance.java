package dev.feedbackloop.suggestions;

import dev.feedbackloop.privacy.MaskCounts;
import java.time.Instant;

/**
 * Which source produced a result and, for the rule-based fallback, why Claude did not.
 *
 * @param source         {@link #CLAUDE} or {@link #RULES}
 * @param model          the Claude model that answered; null for rules
 * @param cached         true when the result was reused from {@code pattern_cache} instead of a new call
 * @param createdAt      when the result was produced (for a cached one: originally)
 * @param fallbackReason short reason ({@code no key}, {@code HTTP 401}, {@code timeout},
 *                       {@code unparseable answer}, ...); null unless Claude was wanted and failed
 * @param fallbackDetail the longer explanation; null when there is no fallback
 * @param masked         what was masked in the request to Claude; zero counts for rules
 */
public record Provenance(
        String source,
        String model,
        boolean cached,
        Instant createdAt,
        String fallbackReason,
        String fallbackDetail,
        MaskCounts masked) {

    public static final String CLAUDE = "claude";
    public static final String RULES = "rules";

    public Provenance {
        if (!CLAUDE.equals(source) && !RULES.equals(source)) {
            throw new IllegalArgumentException("unknown source " + source);
        }
        masked = masked == null ? MaskCounts.NONE : masked;
    }

    public boolean isFallback() {
        return fallbackReason != null;
    }

    /** One line for people: "Claude (claude-sonnet-5-5)" or "rule-based (fallback: HTTP 401 - ...)". */
    public String describe() {
        if (CLAUDE.equals(source)) {
            return "Claude (" + model + (cached ? ", cached from " + createdAt : "") + ")";
        }
        if (fallbackReason == null) {
            return "rule-based";
        }
        return "rule-based (fallback: " + fallbackReason + (fallbackDetail == null ? "" : " - " + fallbackDetail) + ")";
    }
}
