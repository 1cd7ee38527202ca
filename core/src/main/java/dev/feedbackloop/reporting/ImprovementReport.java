package dev.feedbackloop.reporting;

import dev.feedbackloop.analysis.Finding;
import dev.feedbackloop.analysis.GroupPerformance;
import dev.feedbackloop.analysis.Interval;
import dev.feedbackloop.analysis.Recommendation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The specification's {@code ImprovementReport}, every field kept, plus intervals, the change against
 * the previous period with its significance, and the series behind the charts.
 *
 * @param period                 label: ISO week ({@code 2026-W48}) or month ({@code 2026-11})
 * @param startDate              inclusive
 * @param endDate                exclusive
 * @param improvementVsPrevious  relative change of the success rate in percent; null only when the
 *                               previous period had no entries or no successes (0.0 = no change)
 * @param topPerformers          frameworks, models and tags (up to three of each, in that order) with at least
 *                               {@code minSupport} entries above the overall rate, best first within a kind
 * @param problemAreas           the same below the overall rate, worst first within a kind
 * @param actionItems            texts of {@code actionItemDetails}
 * @param change                 difference to the previous period in points; null when either is empty
 */
public record ImprovementReport(
        String period,
        Instant startDate,
        Instant endDate,
        long totalPrompts,
        double avgRating,
        double successRate,
        Double improvementVsPrevious,
        List<RankedGroup> topPerformers,
        List<RankedGroup> problemAreas,
        List<String> actionItems,
        String kind,
        Interval successRateCi,
        PeriodSummary previous,
        Change change,
        List<DailyPoint> daily,
        Map<String, GroupPerformance> frameworkPerformance,
        Map<String, GroupPerformance> tagPerformance,
        Map<String, GroupPerformance> modelPerformance,
        List<Finding> findings,
        List<Recommendation> actionItemDetails,
        int minSupport,
        Instant generatedAt) {

    /**
     * A group ranked by success rate, with its interval and its comparison against the rest of the
     * period: within task types and pooled, or within {@code taskType} only when the group's effect
     * depends on the task type.
     *
     * @param taskType  null for the whole period; else the figures are those of this task type only
     * @param rawDifferenceVsRest the difference from the rest of the period, task types ignored;
     *                  null when it is the same comparison
     */
    public record RankedGroup(String kind, String name, double successRate, Interval ci, long count, double avgRating,
            double differenceVsRest, Interval differenceCi, double qValue, boolean significant, String taskType,
            Double rawDifferenceVsRest) {

        /** The name, with the task type when the figures are of one task type ("few-shot on code tasks"). */
        public String label() {
            return taskType == null ? name : name + " on " + taskType + " tasks";
        }
    }

    /** Totals of the previous period. */
    public record PeriodSummary(String period, Instant startDate, Instant endDate, long totalPrompts,
            double avgRating, double successRate, Interval successRateCi) {
    }

    /**
     * Success rate of this period minus the previous one, in percentage points, with Newcombe's interval.
     *
     * @param significant p &lt; 0.05 (one planned comparison, no correction)
     */
    public record Change(double points, Interval ci, double pValue, boolean significant) {
    }

    /** One local day of the period. */
    public record DailyPoint(LocalDate date, long count, double successRate, Interval ci) {
    }
}
