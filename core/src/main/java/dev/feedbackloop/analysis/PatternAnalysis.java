package dev.feedbackloop.analysis;

import java.util.List;
import java.util.Map;

/**
 * The specification's {@code PatternAnalysis}, every field kept, plus intervals, findings and the
 * evidence behind each recommendation. {@code recommendations} stays a list of strings (the texts of
 * {@code recommendationDetails}).
 */
public record PatternAnalysis(
        int totalFeedback,
        int positiveCount,
        int negativeCount,
        double successRate,
        List<Map<String, Object>> commonPositivePatterns,
        List<Map<String, Object>> commonNegativePatterns,
        Map<String, GroupPerformance> tagPerformance,
        Map<String, GroupPerformance> frameworkPerformance,
        List<String> recommendations,
        AnalysisWindow window,
        Interval successRateCi,
        Map<String, GroupPerformance> modelPerformance,
        List<Finding> findings,
        List<Recommendation> recommendationDetails) {
}
