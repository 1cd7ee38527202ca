package dev.feedbackloop.analysis;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The specification's {@code PatternAnalysis}, every field kept, plus intervals, findings and the
 * evidence behind each recommendation. {@code recommendations} stays a list of strings (the texts of
 * {@code recommendationDetails}). In JSON {@code window} comes first (a cached result is checked by
 * reading only that far).
 *
 * @param commonPositivePatterns words and phrases distinctive of successful entries (prompts and notes),
 *                               with their weighted log-odds z-scores and counts
 * @param commonNegativePatterns the same for failed entries
 * @param featurePerformance     success of prompts with each prompt feature and in each length quartile
 * @param minSupport             groups smaller than this are not ranked or called significant
 * @param entriesNeededPerGroup  entries each compared group needs to detect a 10-point difference at
 *                               the observed success rate (80% power, 5% level)
 * @param phraseSample           entries whose texts were sampled for phrase statistics
 * @param fromCache              true when answered from {@code pattern_cache} (no new feedback since)
 * @param taskTypes              entries per task type (the strata of the adjusted comparisons), with
 *                               how many were typed by the router's classifier, largest first
 * @param adjustedFor            fields besides the task type that the comparisons were adjusted for
 */
@JsonPropertyOrder({"window"})
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
        List<Recommendation> recommendationDetails,
        Map<String, GroupPerformance> featurePerformance,
        int minSupport,
        long entriesNeededPerGroup,
        int phraseSample,
        boolean fromCache,
        Map<String, TaskTypeCount> taskTypes,
        List<String> adjustedFor) {

    /** A result without task-type counts (not stratified). */
    public PatternAnalysis(int totalFeedback, int positiveCount, int negativeCount, double successRate,
            List<Map<String, Object>> commonPositivePatterns, List<Map<String, Object>> commonNegativePatterns,
            Map<String, GroupPerformance> tagPerformance, Map<String, GroupPerformance> frameworkPerformance,
            List<String> recommendations, AnalysisWindow window, Interval successRateCi,
            Map<String, GroupPerformance> modelPerformance, List<Finding> findings,
            List<Recommendation> recommendationDetails, Map<String, GroupPerformance> featurePerformance,
            int minSupport, long entriesNeededPerGroup, int phraseSample, boolean fromCache) {
        this(totalFeedback, positiveCount, negativeCount, successRate, commonPositivePatterns, commonNegativePatterns,
                tagPerformance, frameworkPerformance, recommendations, window, successRateCi, modelPerformance,
                findings, recommendationDetails, featurePerformance, minSupport, entriesNeededPerGroup, phraseSample,
                fromCache, Map.of(), List.of());
    }

    /** The same result for a window with the same entries, marked as coming from the cache. */
    public PatternAnalysis cachedFor(AnalysisWindow newWindow) {
        return new PatternAnalysis(totalFeedback, positiveCount, negativeCount, successRate, commonPositivePatterns,
                commonNegativePatterns, tagPerformance, frameworkPerformance, recommendations, newWindow,
                successRateCi, modelPerformance, findings, recommendationDetails, featurePerformance, minSupport,
                entriesNeededPerGroup, phraseSample, true, taskTypes, adjustedFor);
    }
}
