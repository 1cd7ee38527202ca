package dev.feedbackloop.analysis;

/** An action item and the evidence behind it (n, rates, interval) in words. */
public record Recommendation(String text, String evidence) {
}
