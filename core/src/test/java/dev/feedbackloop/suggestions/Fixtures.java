package dev.feedbackloop.suggestions;

import dev.feedbackloop.analysis.AnalysisWindow;
import dev.feedbackloop.analysis.Finding;
import dev.feedbackloop.analysis.GroupPerformance;
import dev.feedbackloop.analysis.Interval;
import dev.feedbackloop.analysis.PatternAnalysis;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.FeedbackStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-built analyses and entries: what an analysis of the stored entries could have found. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static final Instant WEEK_AGO = NOW.minus(Duration.ofDays(7)).plusNanos(553_559_970);

    private Fixtures() {
    }

    static Finding finding(String kind, String name, double with, double without, long support, double q) {
        double effect = with - without;
        return new Finding(kind, name, effect, new Interval(effect - 0.1, effect + 0.1), q / 2, q, q <= 0.05,
                support, with, without, 120 - support);
    }

    static GroupPerformance group(long count, double rate, boolean enough) {
        long positive = Math.round(count * rate);
        return new GroupPerformance(count, positive, count - positive, rate, 1 + 4 * rate,
                new Interval(Math.max(0, rate - 0.1), Math.min(1, rate + 0.1)), enough);
    }

    static PatternAnalysis analysis(List<Finding> findings, Map<String, GroupPerformance> frameworks) {
        return analysis(findings, frameworks, List.of());
    }

    /** A failure phrase as the analysis reports it in {@code common_negative_patterns}. */
    static Map<String, Object> pattern(String phrase, String source, double z, int failed, int successful) {
        return Map.of("phrase", phrase, "source", source, "z_score", z, "negative_entries_with", failed,
                "positive_entries_with", successful, "negative_entries", 50, "positive_entries", 60);
    }

    static PatternAnalysis analysis(List<Finding> findings, Map<String, GroupPerformance> frameworks,
                                    List<Map<String, Object>> negativePatterns) {
        return new PatternAnalysis(120, 60, 50, 0.5, List.of(), negativePatterns, Map.of(), frameworks, List.of(),
                new AnalysisWindow(WEEK_AGO, NOW, 7), new Interval(0.41, 0.59), Map.of(), findings, List.of(),
                Map.of(), 30, 390, 120, false);
    }

    /** Examples help, chain-of-thought fails against few-shot, "something like" appears in failures. */
    static PatternAnalysis richAnalysis() {
        Map<String, GroupPerformance> frameworks = new LinkedHashMap<>();
        frameworks.put("chain-of-thought", group(40, 0.30, true));
        frameworks.put("few-shot", group(50, 0.72, true));
        frameworks.put("zero-shot", group(3, 0.95, false));
        return analysis(List.of(
                finding("feature", "examples", 0.78, 0.41, 48, 0.001),
                finding("framework", "chain-of-thought", 0.30, 0.62, 40, 0.004),
                finding("phrase", "something like", 0.12, 0.58, 17, 0.02),
                finding("tag", "creative", 0.52, 0.49, 30, 0.8)), frameworks);
    }

    static PatternAnalysis noFindings() {
        return analysis(List.of(finding("feature", "examples", 0.52, 0.49, 30, 0.7)),
                Map.of("few-shot", group(50, 0.5, true)));
    }

    static FeedbackEntry entry(String prompt, int rating, boolean thumbsUp, String framework, String notes, int hoursAgo) {
        return FeedbackEntry.builder(prompt, "some output", rating).thumbsUp(thumbsUp).framework(framework)
                .notes(notes).timestamp(NOW.minus(Duration.ofHours(hoursAgo))).build();
    }

    static List<FeedbackEntry> successes() {
        return List.of(
                entry("Summarise this report for executives. For example: 'Revenue rose 4%, driven by renewals.'",
                        5, true, "few-shot", null, 5),
                entry("Write release notes as bullet points, e.g. '- Fixed login timeout'", 4, true, "few-shot", null, 6),
                entry("List three risks of the migration", 5, true, "zero-shot", null, 7));
    }

    static List<FeedbackEntry> failures() {
        return List.of(
                entry("Write something like a product description for our app, contact jane.doe@example.com",
                        1, false, "chain-of-thought", "too vague, not what I asked; call me at +1 415 555 0132", 2),
                entry("Explain the outage, key sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789", 2, false,
                        "chain-of-thought", "missed the root cause", 3),
                entry("Make a slogan, something like catchy", 2, false, "chain-of-thought", null, 4));
    }

    static void fill(FeedbackStore store) {
        successes().forEach(store::insert);
        failures().forEach(store::insert);
    }
}
